package dev.unstuck.app.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.core.genesys.RawAnswer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What settles the UNCONFIRMED rows of docs/fidelity.md, kept as deltas against the probe's clock and
 * shapes, never values: how far the details jobs' data availability date trails now, how far the newest
 * moment analytics knows trails now (ingest lag, bounded from above on a quiet org), the rate-limit
 * headers each route answered with (their names, the route's limit, when the window resets), and, only
 * when the user asks, the body of the 502 a details query past the match limit gets (its shape, code and
 * message with every number and id blanked).
 */
final class Settles {
    /** Where the newest moment of a conversation record can be. */
    private static final List<String> MOMENTS = List.of("conversationStart", "conversationEnd", "segmentStart", "segmentEnd");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private final ObjectMapper json;
    private final Shapes shapes;
    private final Clock clock;
    private final Map<String, ObjectNode> routes = new TreeMap<>();

    Settles(ObjectMapper json, Shapes shapes, Clock clock) {
        this.json = json;
        this.shapes = shapes;
        this.clock = clock;
    }

    /** Notes the rate-limit headers the answer to {@code call} (templated, no ids) carried. */
    void saw(String call, RawAnswer answer) {
        if (answer.rateLimit().isEmpty()) {
            return;
        }
        ObjectNode route = json.createObjectNode().put("call", call);
        ArrayNode names = route.putArray("headers");
        answer.rateLimit().keySet().forEach(names::add);
        // The limit is the platform's setting for the route, not the org's data: it is what the row needs.
        Optional.ofNullable(answer.rateLimit().get("inin-ratelimit-allowed")).flatMap(Settles::integer)
                .ifPresent(allowed -> route.put("allowed", allowed));
        Optional.ofNullable(answer.rateLimit().get("inin-ratelimit-reset")).ifPresent(reset -> route.set("reset", reset(reset)));
        routes.put(call, route);
    }

    /** The answers the probe made for these rows ({@code ask} makes one call and notes its headers), as one object. */
    JsonNode settle(Function<String, RawAnswer> availability, Function<String, RawAnswer> newest,
                    Optional<Function<String, RawAnswer>> tooMany) {
        Instant now = clock.instant();
        ObjectNode out = json.createObjectNode();
        RawAnswer jobs = availability.apply("");
        ObjectNode jobsNode = out.putObject("jobsAvailability").put("status", jobs.status());
        jobs.json().flatMap(b -> instant(b.path("dataAvailabilityDate")))
                .ifPresent(date -> jobsNode.put("behindSeconds", Duration.between(date, now).toSeconds()));
        RawAnswer details = newest.apply(newestQuery(now));
        ObjectNode ingest = out.putObject("ingest").put("status", details.status());
        Optional<Instant> latest = details.status() < 300 ? details.json().flatMap(Settles::latestMoment) : Optional.empty();
        if (latest.isPresent()) {
            ingest.put("newestBehindSeconds", Duration.between(latest.get(), now).toSeconds());
        } else {
            ingest.putNull("newestBehindSeconds");
        }
        ObjectNode past = out.putObject("tooMany").put("asked", tooMany.isPresent());
        tooMany.ifPresent(ask -> {
            RawAnswer refused = ask.apply(wideQuery(now));
            past.put("status", refused.status());
            refused.json().ifPresent(body -> {
                past.set("shape", shapes.of(body));
                past.put("code", blanked(body.path("code").asText("")));
                past.put("messageTemplate", blanked(body.path("message").asText("")));
            });
        });
        ArrayNode limits = out.putArray("rateLimits");
        routes.values().forEach(limits::add);
        return out;
    }

    /** The newest conversations of the last day, newest first: the latest moment among them is how fresh analytics is. */
    private String newestQuery(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        ObjectNode q = json.createObjectNode();
        q.put("interval", at.minus(1, ChronoUnit.DAYS) + "/" + at.plus(1, ChronoUnit.MINUTES));
        q.put("order", "desc");
        q.putObject("paging").put("pageSize", 25).put("pageNumber", 1);
        return q.toString();
    }

    /** Every conversation of the last six days, unfiltered: on a busy org far past the synchronous limit. */
    private String wideQuery(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        ObjectNode q = json.createObjectNode();
        q.put("interval", at.minus(6, ChronoUnit.DAYS) + "/" + at);
        q.putObject("paging").put("pageSize", 1).put("pageNumber", 1);
        return q.toString();
    }

    private static Optional<Instant> latestMoment(JsonNode body) {
        Instant latest = null;
        for (String field : MOMENTS) {
            for (JsonNode value : body.findValues(field)) {
                Optional<Instant> at = instant(value);
                if (at.isPresent() && (latest == null || at.get().isAfter(latest))) {
                    latest = at.get();
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    /** When the window resets, as seconds from now whatever the header's form (epoch s or ms, date-time, or seconds). */
    private ObjectNode reset(String value) {
        ObjectNode out = json.createObjectNode();
        out.set("shape", shapes.of(json.getNodeFactory().textNode(value)));
        Instant now = clock.instant();
        Optional<Long> seconds = integer(value).map(n -> n > 100_000_000_000L ? (n - now.toEpochMilli()) / 1000
                : n > 1_000_000_000L ? n - now.getEpochSecond() : n);
        if (seconds.isEmpty()) {
            seconds = instant(json.getNodeFactory().textNode(value)).map(at -> Duration.between(now, at).toSeconds());
        } else {
            out.put("shape", "integer");
        }
        seconds.ifPresent(s -> out.put("inSeconds", s));
        return out;
    }

    private static Optional<Long> integer(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(node.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The platform's words, with every id and number blanked: the wording is what the row needs, the numbers are the org's. */
    static String blanked(String text) {
        return NUMBER.matcher(UUID.matcher(text).replaceAll("{id}")).replaceAll("#");
    }
}
