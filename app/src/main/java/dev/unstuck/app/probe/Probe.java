package dev.unstuck.app.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.RawAnswer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read-only round that {@code unstuck probe} makes against an org: token info, the client and one
 * role, divisions, both queue listings, one analytics page, one conversation, one queue observation, a
 * notification channel of its own with one queue topic, and {@code users/me} for an error's shape. Ids
 * found in one answer feed the next call; what is kept of each answer is its status and shape only.
 */
public final class Probe {
    /** What one call gave: its name, its templated request (no ids), the status and the body's shape. */
    public record Seen(String name, String call, int status, Optional<JsonNode> shape) {
    }

    private final GenesysClient client;
    private final Shapes shapes;
    private final ObjectMapper json;
    private final Clock clock;
    private final Settles settles;

    public Probe(GenesysClient client, ObjectMapper json, Clock clock) {
        this.client = client;
        this.json = json;
        this.shapes = new Shapes(json);
        this.clock = clock;
        this.settles = new Settles(json, shapes, clock);
    }

    public List<Seen> run() {
        List<Seen> seen = new ArrayList<>();
        RawAnswer me = get(seen, "tokens.me", "/api/v2/tokens/me", "/api/v2/tokens/me");
        JsonNode oauthClient = body(me).path("OAuthClient");
        text(oauthClient.path("id")).ifPresent(id ->
                get(seen, "oauth.client", "/api/v2/oauth/clients/{clientId}", "/api/v2/oauth/clients/" + segment(id)));
        text(oauthClient.path("roleDivisions").path(0).path("roleId")).ifPresent(id ->
                get(seen, "authorization.role", "/api/v2/authorization/roles/{roleId}", "/api/v2/authorization/roles/" + segment(id)));
        get(seen, "authorization.divisions", "/api/v2/authorization/divisions?pageSize=25", "/api/v2/authorization/divisions?pageSize=25");
        RawAnswer queues = get(seen, "routing.queues", "/api/v2/routing/queues?pageSize=25", "/api/v2/routing/queues?pageSize=25");
        get(seen, "routing.queues.all", "/api/v2/routing/queues/divisionviews/all?pageSize=25",
                "/api/v2/routing/queues/divisionviews/all?pageSize=25");
        RawAnswer details = call(seen, "analytics.details", "POST /api/v2/analytics/conversations/details/query", "POST",
                "/api/v2/analytics/conversations/details/query", Optional.of(detailsQuery()));
        text(body(details).path("conversations").path(0).path("conversationId")).ifPresent(id ->
                get(seen, "conversation.messages", "/api/v2/conversations/messages/{conversationId}",
                        "/api/v2/conversations/messages/" + segment(id)));
        Optional<String> queueId = text(body(queues).path("entities").path(0).path("id"));
        queueId.ifPresent(id -> call(seen, "analytics.observation", "POST /api/v2/analytics/queues/observations/query", "POST",
                "/api/v2/analytics/queues/observations/query", Optional.of(observationQuery(id))));
        RawAnswer channel = call(seen, "notifications.channel", "POST /api/v2/notifications/channels", "POST",
                "/api/v2/notifications/channels", Optional.empty());
        Optional<String> channelId = text(body(channel).path("id"));
        if (channelId.isPresent() && queueId.isPresent()) {
            call(seen, "notifications.subscription", "PUT /api/v2/notifications/channels/{channelId}/subscriptions?ignoreErrors=true", "PUT",
                    "/api/v2/notifications/channels/" + segment(channelId.get()) + "/subscriptions?ignoreErrors=true",
                    Optional.of("[{\"id\":\"v2.routing.queues." + queueId.get() + ".conversations.messages\"}]"));
        }
        get(seen, "users.me", "/api/v2/users/me", "/api/v2/users/me");
        return List.copyOf(seen);
    }

    /**
     * After {@link #run()}: the few reads that settle UNCONFIRMED rows of docs/fidelity.md (the jobs'
     * availability date, the newest moment analytics knows, and with {@code askTooMany} one unfiltered
     * details query of six days, to see the 502 past the match limit), with the rate-limit headers every
     * call of the probe answered with, as deltas and shapes ({@link Settles}).
     */
    public JsonNode settle(boolean askTooMany) {
        String details = "/api/v2/analytics/conversations/details/query";
        return settles.settle(
                ignored -> noted("GET /api/v2/analytics/conversations/details/jobs/availability", "GET",
                        "/api/v2/analytics/conversations/details/jobs/availability", Optional.empty()),
                query -> noted("POST " + details, "POST", details, Optional.of(query)),
                askTooMany ? Optional.of(query -> noted("POST " + details, "POST", details, Optional.of(query))) : Optional.empty());
    }

    private RawAnswer noted(String template, String method, String path, Optional<String> body) {
        RawAnswer answer = client.raw(method, path, body);
        settles.saw(template, answer);
        return answer;
    }

    private String detailsQuery() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode q = json.createObjectNode();
        q.put("interval", now.minus(1, ChronoUnit.DAYS) + "/" + now.plus(1, ChronoUnit.MINUTES));
        q.put("order", "desc");
        q.putObject("paging").put("pageSize", 5).put("pageNumber", 1);
        ArrayNode filters = q.putArray("conversationFilters");
        filters.addObject().put("type", "and").putArray("predicates").addObject()
                .put("type", "dimension").put("dimension", "conversationEnd").put("operator", "notExists");
        return q.toString();
    }

    private String observationQuery(String queueId) {
        ObjectNode q = json.createObjectNode();
        ObjectNode filter = q.putObject("filter").put("type", "and");
        ArrayNode predicates = filter.putArray("predicates");
        predicates.addObject().put("type", "dimension").put("dimension", "queueId").put("operator", "matches").put("value", queueId);
        predicates.addObject().put("type", "dimension").put("dimension", "mediaType").put("operator", "matches").put("value", "message");
        q.putArray("metrics").add("oWaiting");
        q.putArray("detailMetrics").add("oWaiting");
        return q.toString();
    }

    private RawAnswer get(List<Seen> seen, String name, String template, String path) {
        return call(seen, name, "GET " + template, "GET", path, Optional.empty());
    }

    private RawAnswer call(List<Seen> seen, String name, String template, String method, String path, Optional<String> body) {
        RawAnswer answer = client.raw(method, path, body);
        settles.saw(template, answer);
        seen.add(new Seen(name, template, answer.status(), answer.json().map(shapes::of)));
        return answer;
    }

    private JsonNode body(RawAnswer answer) {
        return answer.status() < 300 ? answer.json().orElse(json.missingNode()) : json.missingNode();
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
