package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.unstuck.sandbox.conversation.Conversation;
import dev.unstuck.sandbox.notify.Channels;
import dev.unstuck.sandbox.conversation.Outcome;
import dev.unstuck.sandbox.conversation.Participant;
import dev.unstuck.sandbox.conversation.ParticipantChange;
import dev.unstuck.sandbox.conversation.Wrapup;
import dev.unstuck.sandbox.org.OAuthClient;
import dev.unstuck.sandbox.org.Queue;
import dev.unstuck.sandbox.org.RateLimits;
import dev.unstuck.sandbox.org.Tokens;
import dev.unstuck.sandbox.world.State;
import dev.unstuck.sandbox.world.World;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The Genesys Cloud Platform API subset, declared in one place. Every API request passes, in order:
 * faults, authentication (401), rate limit (429), then the endpoint's own checks: body (400),
 * permission (403), existence (404), state (409).
 */
public final class GenesysApi {
    static final String DISCONNECT = "conversation:communication:disconnect";
    static final String VIEW = "conversation:communication:view";
    static final String WRAPUP = "conversation:participant:wrapup";
    static final String RECORD = "conversation:call:record";
    static final String PARK = "conversation:message:park";
    private static final List<String> WRAPUP_CODES = List.of("Resolved", "Abandoned", "Follow-up");

    private final State state;
    private final Faults faults;
    private final ObjectMapper json;
    private final GenesysJson views;
    private final OAuthEndpoint oauth;
    private final Channels channels;

    @FunctionalInterface
    interface Endpoint {
        Answer handle(Call call);
    }

    public GenesysApi(State state, Faults faults, ObjectMapper json, Channels channels) {
        this.state = state;
        this.channels = channels;
        this.faults = faults;
        this.json = json;
        this.views = new GenesysJson(json);
        this.oauth = new OAuthEndpoint(state, json);
    }

    public void register(Javalin app) {
        app.post("/oauth/token", ctx -> withFaults(ctx, () -> oauth.token(ctx)));

        api(app, HandlerType.GET, "/api/v2/tokens/me", this::tokensMe);
        api(app, HandlerType.GET, "/api/v2/oauth/clients/{clientId}", this::oauthClient);
        api(app, HandlerType.GET, "/api/v2/authorization/roles/{roleId}", this::role);
        api(app, HandlerType.GET, "/api/v2/routing/queues", this::queues);
        api(app, HandlerType.GET, "/api/v2/routing/queues/{queueId}", this::queue);

        String m = "/api/v2/conversations/messages";
        api(app, HandlerType.GET, m, this::userConversations);
        api(app, HandlerType.GET, m + "/{cid}", this::messageConversation);
        api(app, HandlerType.PATCH, m + "/{cid}", this::disconnectAll);
        api(app, HandlerType.PATCH, m + "/{cid}/participants/{pid}", this::patchParticipant);
        api(app, HandlerType.GET, m + "/{cid}/participants/{pid}/wrapup", this::wrapup);
        api(app, HandlerType.GET, m + "/{cid}/participants/{pid}/wrapupcodes", this::wrapupCodes);
        api(app, HandlerType.POST, m + "/{cid}/participants/{pid}/communications/{commId}/wrapup", this::postWrapup);

        String c = "/api/v2/conversations";
        api(app, HandlerType.GET, c + "/{cid}", this::conversation);
        api(app, HandlerType.PATCH, c + "/{cid}/participants/{pid}", this::patchParticipant);
        api(app, HandlerType.POST, c + "/{cid}/disconnect", this::teardown);
        api(app, HandlerType.DELETE, c + "/{cid}", this::delete);
        api(app, HandlerType.GET, c + "/{cid}/participants/{pid}/wrapup", this::wrapup);
        api(app, HandlerType.GET, c + "/{cid}/participants/{pid}/wrapupcodes", this::wrapupCodes);

        new AnalyticsEndpoints(json).register(app, this);
        new NotificationEndpoints(channels, json).register(app, this);

        for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE)) {
            api(app, method, "/api/v2/*", call -> Answer.error(ErrorBody.notFound(
                    "The requested resource was not found: " + call.ctx().method() + " " + call.ctx().path())));
        }
    }

    // ---- the pipeline ---------------------------------------------------------------------------

    void api(Javalin app, HandlerType method, String path, Endpoint endpoint) {
        app.addHttpHandler(method, path, ctx -> withFaults(ctx, () -> state.locked(world -> authorized(ctx, world, endpoint))));
    }

    private void withFaults(Context ctx, java.util.function.Supplier<Answer> next) throws InterruptedException {
        Faults.Verdict verdict = faults.judge(ctx.path());
        if (verdict.latencyMs() > 0) {
            // Latency is real time on purpose: it exercises client timeouts; tests must not depend on it.
            Thread.sleep(verdict.latencyMs());
        }
        Answer answer = verdict.failWith()
                .map(status -> {
                    Answer a = Answer.error(ErrorBody.fault(status));
                    if (status == 429) {
                        a.headers().put("Retry-After", "1");
                    }
                    return a;
                })
                .orElseGet(next);
        Exchange.write(ctx, answer, json);
    }

    private Answer authorized(Context ctx, World world, Endpoint endpoint) {
        String header = Optional.ofNullable(ctx.header("Authorization")).orElse("").trim();
        if (header.length() < 7 || !header.substring(0, 7).equalsIgnoreCase("bearer ") || header.substring(7).isBlank()) {
            return Answer.error(ErrorBody.authenticationRequired());
        }
        Instant now = world.now();
        Tokens.Check check = world.tokens().check(header.substring(7).trim(), now);
        if (check instanceof Tokens.Check.Expired) {
            return Answer.error(ErrorBody.credentialsExpired());
        }
        if (!(check instanceof Tokens.Check.Valid valid)) {
            return Answer.error(ErrorBody.badCredentials());
        }
        Optional<OAuthClient> client = world.org().client(valid.token().clientId());
        if (client.isEmpty()) {
            return Answer.error(ErrorBody.badCredentials());
        }
        Exchange.clientIs(ctx, client.get().id());
        RateLimits.Decision rate = world.rateLimits().admit(valid.token().value(), now, world.settings().rateLimitPerMinute());
        Answer answer = rate.allowed()
                ? endpoint.handle(new Call(ctx, world, new Caller(client.get(), valid.token()), json))
                : Answer.error(ErrorBody.tooManyRequests(rate.resetSeconds(), rate.limit()));
        answer.headers().put("inin-ratelimit-allowed", Integer.toString(rate.limit()));
        answer.headers().put("inin-ratelimit-count", Integer.toString(rate.count()));
        answer.headers().put("inin-ratelimit-reset", Long.toString(rate.resetSeconds()));
        if (!rate.allowed()) {
            answer.headers().put("Retry-After", Long.toString(rate.resetSeconds()));
        }
        return answer;
    }

    // ---- org ------------------------------------------------------------------------------------

    private Answer tokensMe(Call call) {
        return Answer.json(200, views.tokenInfo(call.caller().client(), call.world().org()));
    }

    private Answer oauthClient(Call call) {
        return call.require("oauth:client:view").orElseGet(() -> call.world().org().client(call.path("clientId"))
                .map(c -> Answer.json(200, views.oauthClient(c, call.world().org(), call.world().settings())))
                .orElseGet(() -> Answer.error(ErrorBody.notFound("OAuth client " + call.path("clientId") + " not found"))));
    }

    private Answer role(Call call) {
        return call.require("authorization:role:view").orElseGet(() -> call.world().org().role(call.path("roleId"))
                .map(r -> Answer.json(200, views.role(r)))
                .orElseGet(() -> Answer.error(ErrorBody.notFound("Role " + call.path("roleId") + " not found"))));
    }

    private Answer queues(Call call) {
        Optional<Answer> denied = call.require("routing:queue:view");
        if (denied.isPresent()) {
            return denied.get();
        }
        int pageSize;
        int pageNumber;
        try {
            pageSize = Integer.parseInt(Optional.ofNullable(call.ctx().queryParam("pageSize")).orElse("25"));
            pageNumber = Integer.parseInt(Optional.ofNullable(call.ctx().queryParam("pageNumber")).orElse("1"));
        } catch (NumberFormatException e) {
            return Answer.error(ErrorBody.badRequest("pageSize and pageNumber must be whole numbers"));
        }
        if (pageSize < 1 || pageSize > 500 || pageNumber < 1) {
            return Answer.error(ErrorBody.badRequest("pageSize must be 1..500 and pageNumber at least 1"));
        }
        List<Queue> matching = new ArrayList<>(call.world().org().queues());
        String name = call.ctx().queryParam("name");
        if (name != null && !name.isBlank()) {
            Pattern p = Pattern.compile(Pattern.quote(name).replace("*", "\\E.*\\Q"), Pattern.CASE_INSENSITIVE);
            matching.removeIf(q -> !p.matcher(q.name()).matches());
        }
        return Answer.json(200, views.queueListing(matching, call.world().org(), pageSize, pageNumber));
    }

    private Answer queue(Call call) {
        return call.require("routing:queue:view").orElseGet(() -> call.world().org().queue(call.path("queueId"))
                .map(q -> Answer.json(200, views.queue(q, call.world().org())))
                .orElseGet(() -> Answer.error(ErrorBody.notFound("Queue " + call.path("queueId") + " not found"))));
    }

    // ---- conversations --------------------------------------------------------------------------

    private Answer userConversations(Call call) {
        // The list is the logged-in user's; a client-credentials token has no user.
        return Answer.error(ErrorBody.badRequest(
                "This request requires a user context. Client credentials cannot be used for requests to this resource."));
    }

    private Optional<Conversation> find(Call call) {
        return call.world().conversation(call.path("cid"));
    }

    private Answer conversationNotFound(Call call) {
        return Answer.error(ErrorBody.notFound("Conversation " + call.path("cid") + " not found"));
    }

    private Answer messageConversation(Call call) {
        return find(call).map(c -> {
            Answer a = Answer.json(200, views.messageConversation(c, call.world().org(), call.world().settings()));
            call.world().conversationRead(c.id());
            return a;
        }).orElseGet(() -> conversationNotFound(call));
    }

    private Answer conversation(Call call) {
        return call.require(VIEW).orElseGet(() -> find(call).map(c -> {
            Answer a = Answer.json(200, views.conversation(c, call.world().org(), call.world().settings()));
            call.world().conversationRead(c.id());
            return a;
        }).orElseGet(() -> conversationNotFound(call)));
    }

    private Answer disconnectAll(Call call) {
        Call.Body body = call.body();
        if (body.problem().isPresent()) {
            return body.problem().get();
        }
        JsonNode stateNode = body.node().get().get("state");
        if (stateNode == null || stateNode.isNull()) {
            return Answer.error(ErrorBody.badRequest("state is required; 'disconnected' will disconnect the conversation."));
        }
        String wanted = stateNode.asText();
        if (!ErrorBody.PARTICIPANT_STATES.contains(wanted)) {
            return Answer.error(ErrorBody.invalidValue(wanted, "Conversation.state", ErrorBody.PARTICIPANT_STATES));
        }
        if (!wanted.equals("disconnected")) {
            return Answer.error(ErrorBody.badRequest(
                    "On update, 'disconnected' will disconnect the conversation. No other values are valid."));
        }
        Optional<Answer> denied = call.require(DISCONNECT);
        if (denied.isPresent()) {
            return denied.get();
        }
        Optional<Conversation> c = find(call);
        if (c.isEmpty()) {
            return conversationNotFound(call);
        }
        Outcome outcome = call.world().lifecycle().disconnectAll(c.get());
        return answer(call, outcome, () -> Answer.json(200, views.conversation(c.get(), call.world().org(), call.world().settings())));
    }

    private Answer patchParticipant(Call call) {
        Call.Body body = call.body();
        if (body.problem().isPresent()) {
            return body.problem().get();
        }
        JsonNode node = body.node().get();
        Optional<String> wanted = Optional.empty();
        if (node.hasNonNull("state")) {
            String s = node.get("state").asText();
            if (!ErrorBody.PARTICIPANT_STATES.contains(s)) {
                return Answer.error(ErrorBody.invalidValue(s, "MediaParticipantRequest.state", ErrorBody.PARTICIPANT_STATES));
            }
            if (!s.equals(Participant.CONNECTED) && !s.equals(Participant.DISCONNECTED)) {
                return Answer.error(ErrorBody.badRequest("Possible values for state are: 'connected' and 'disconnected'."));
            }
            wanted = Optional.of(s);
        }
        Optional<Wrapup> wrapup = Optional.empty();
        if (node.hasNonNull("wrapup")) {
            Optional<Wrapup> read = readWrapup(node.get("wrapup"), call.world().now());
            if (read.isEmpty()) {
                return Answer.error(ErrorBody.badRequest("wrapup must be an object with a code"));
            }
            wrapup = read;
        }
        Optional<Answer> denied;
        if (wanted.filter(Participant.DISCONNECTED::equals).isPresent()) {
            denied = call.require(DISCONNECT);
        } else if (wrapup.isPresent()) {
            denied = call.require(WRAPUP);
        } else if (node.hasNonNull("recording")) {
            denied = call.require(RECORD);
        } else {
            denied = call.requireAny(List.of(WRAPUP, RECORD, DISCONNECT));
        }
        if (denied.isPresent()) {
            return denied.get();
        }
        Optional<Conversation> c = find(call);
        if (c.isEmpty()) {
            return conversationNotFound(call);
        }
        Optional<Participant> p = c.get().participant(call.path("pid"));
        if (p.isEmpty()) {
            return Answer.error(ErrorBody.notFound("Participant " + call.path("pid") + " not found in conversation " + c.get().id()));
        }
        Outcome outcome = call.world().lifecycle().patchParticipant(c.get(), p.get(), new ParticipantChange(wanted, wrapup));
        return answer(call, outcome, () -> Answer.empty(202));
    }

    private Optional<Wrapup> readWrapup(JsonNode w, Instant now) {
        if (!w.isObject() || !w.hasNonNull("code")) {
            return Optional.empty();
        }
        List<String> tags = new ArrayList<>();
        w.path("tags").forEach(t -> tags.add(t.asText()));
        return Optional.of(new Wrapup(w.get("code").asText(), w.path("name").asText(w.get("code").asText()),
                Optional.ofNullable(w.get("notes")).filter(JsonNode::isTextual).map(JsonNode::asText), tags,
                w.path("durationSeconds").asInt(0), now));
    }

    private Answer postWrapup(Call call) {
        Call.Body body = call.body();
        if (body.problem().isPresent()) {
            return body.problem().get();
        }
        Optional<Wrapup> wrapup = readWrapup(body.node().get(), call.world().now());
        if (wrapup.isEmpty()) {
            return Answer.error(ErrorBody.badRequest("The wrap-up must have a code"));
        }
        Optional<Answer> denied = call.require(WRAPUP);
        if (denied.isPresent()) {
            return denied.get();
        }
        Optional<Conversation> c = find(call);
        if (c.isEmpty()) {
            return conversationNotFound(call);
        }
        Optional<Participant> p = c.get().participant(call.path("pid"))
                .filter(x -> x.communicationId().equals(call.path("commId")));
        if (p.isEmpty()) {
            return Answer.error(ErrorBody.notFound("Communication " + call.path("commId") + " not found"));
        }
        if (p.get().wrapup().isPresent()) {
            return Answer.error(ErrorBody.conflict(call.world().settings().conflictCode(), "The wrap-up has already been given"));
        }
        Outcome outcome = call.world().lifecycle().patchParticipant(c.get(), p.get(), new ParticipantChange(Optional.empty(), wrapup));
        return answer(call, outcome, () -> Answer.empty(202));
    }

    private Answer teardown(Call call) {
        return call.require(DISCONNECT).orElseGet(() -> find(call)
                .map(c -> answer(call, call.world().lifecycle().teardown(c), () -> Answer.empty(202)))
                .orElseGet(() -> conversationNotFound(call)));
    }

    private Answer delete(Call call) {
        return call.require(DISCONNECT).orElseGet(() -> find(call)
                .map(c -> answer(call, call.world().lifecycle().teardown(c), () -> Answer.empty(204)))
                .orElseGet(() -> conversationNotFound(call)));
    }

    private Answer wrapup(Call call) {
        Optional<Conversation> c = find(call);
        if (c.isEmpty()) {
            return conversationNotFound(call);
        }
        Optional<Participant> p = c.get().participant(call.path("pid"));
        if (p.isEmpty()) {
            return Answer.error(ErrorBody.notFound("Participant " + call.path("pid") + " not found"));
        }
        return p.get().wrapup().map(w -> Answer.json(200, views.assignedWrapup(w)))
                .orElseGet(() -> Answer.error(ErrorBody.notFound("The participant has no wrap-up yet")));
    }

    private Answer wrapupCodes(Call call) {
        Optional<Conversation> c = find(call);
        if (c.isEmpty()) {
            return conversationNotFound(call);
        }
        if (c.get().participant(call.path("pid")).isEmpty()) {
            return Answer.error(ErrorBody.notFound("Participant " + call.path("pid") + " not found"));
        }
        ArrayNode codes = json.createArrayNode();
        for (String name : WRAPUP_CODES) {
            String id = UUID.nameUUIDFromBytes(("wrapup:" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            codes.addObject().put("id", id).put("name", name).put("selfUri", "/api/v2/routing/wrapupcodes/" + id);
        }
        return Answer.json(200, codes);
    }

    private Answer answer(Call call, Outcome outcome, java.util.function.Supplier<Answer> applied) {
        if (outcome instanceof Outcome.Conflict conflict) {
            return Answer.error(ErrorBody.conflict(call.world().settings().conflictCode(), conflict.reason()));
        }
        return applied.get();
    }
}
