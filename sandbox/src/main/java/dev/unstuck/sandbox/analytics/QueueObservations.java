package dev.unstuck.sandbox.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.conversation.Conversation;
import dev.unstuck.sandbox.conversation.LegKind;
import dev.unstuck.sandbox.conversation.Participant;
import dev.unstuck.sandbox.org.Queue;
import dev.unstuck.sandbox.org.Reach;
import dev.unstuck.sandbox.world.World;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/v2/analytics/queues/observations/query}: what each queue holds right now. Conversation
 * metrics come per queue and media type (every media type of the enum when none is named; only
 * {@code message} ever counts anything here), user metrics per queue alone, and count 0 (the sandbox has
 * no presence or routing status). Lingering entries count as waiting (the queue has not noticed the guest
 * left). {@code oLongestWaiting} is the moment the oldest began waiting, in epoch milliseconds, with a
 * count, as a live payload shows; {@code oLongestInteracting} is refused as the platform refuses it.
 * Detail lists keep the oldest half and the newest half of at most {@link #MAX_OBSERVATIONS}, as the
 * field reports.
 */
public final class QueueObservations {
    public static final int MAX_OBSERVATIONS = 100;
    /** Per queue and media type. */
    static final List<String> CONVERSATION_METRICS = List.of("oAlerting", "oInteracting", "oLongestWaiting", "oWaiting");
    /** Per queue. */
    static final List<String> USER_METRICS = List.of("oActiveUsers", "oMemberUsers", "oOffQueueUsers", "oOnQueueUsers",
            "oUserPresences", "oUserRoutingStatuses");
    static final List<String> METRICS = List.of("oActiveUsers", "oAlerting", "oInteracting", "oLongestWaiting", "oMemberUsers",
            "oOffQueueUsers", "oOnQueueUsers", "oUserPresences", "oUserRoutingStatuses", "oWaiting");
    /** The SDK's {@code DetailMetricsEnum}: the metrics without {@code oLongest*}. */
    static final List<String> DETAIL_METRICS = METRICS.stream().filter(m -> !m.startsWith("oLongest")).toList();
    private static final List<String> MEDIA_TYPES = List.of("callback", "chat", "cobrowse", "email", "message",
            "screenshare", "unknown", "video", "voice");

    private final ObjectMapper json;

    public QueueObservations(ObjectMapper json) {
        this.json = json;
    }

    /** One conversation as one observation: who, since when. */
    private record Observation(Instant since, Conversation conversation, Participant leg) {}

    /** The answer body, or empty with the 400 reason in {@code problem}. */
    public sealed interface Result {
        record Body(ObjectNode body) implements Result {}

        record Invalid(String message) implements Result {}
    }

    /** A queue outside the caller's {@code reach} observes nothing, as an unknown queue does (UNCONFIRMED). */
    public Result run(JsonNode body, World world, Reach reach) {
        List<String> queueIds = new ArrayList<>();
        List<String> mediaTypes = new ArrayList<>();
        JsonNode filter = body.path("filter");
        if (!filter.isObject()) {
            return new Result.Invalid("filter is required");
        }
        collect(filter, queueIds, mediaTypes);
        if (queueIds.isEmpty()) {
            return new Result.Invalid("filter must name at least one queueId");
        }
        for (String m : mediaTypes) {
            if (!MEDIA_TYPES.contains(m)) {
                return new Result.Invalid(notAllowed(m, "mediaType", MEDIA_TYPES));
            }
        }
        Set<String> metrics = new LinkedHashSet<>();
        body.path("metrics").forEach(m -> metrics.add(m.asText()));
        Set<String> detail = new LinkedHashSet<>();
        body.path("detailMetrics").forEach(m -> detail.add(m.asText()));
        for (String m : metrics) {
            if (!METRICS.contains(m)) {
                return new Result.Invalid(notAllowed(m, "metrics", METRICS));
            }
        }
        for (String m : detail) {
            if (!DETAIL_METRICS.contains(m)) {
                return new Result.Invalid(notAllowed(m, "detailMetrics", DETAIL_METRICS));
            }
        }
        metrics.addAll(detail);
        if (metrics.isEmpty()) {
            return new Result.Invalid("metrics must name at least one metric");
        }
        Instant now = world.now();
        ObjectNode out = json.createObjectNode();
        ArrayNode results = out.putArray("results");
        List<String> perMedia = metrics.stream().filter(CONVERSATION_METRICS::contains).toList();
        List<String> perQueue = metrics.stream().filter(USER_METRICS::contains).toList();
        for (String queueId : new LinkedHashSet<>(queueIds)) {
            Optional<Queue> queue = world.org().queue(queueId).filter(q -> reach.includes(q.divisionId()));
            for (String mediaType : perMedia.isEmpty() ? List.<String>of() : mediaTypes.isEmpty() ? MEDIA_TYPES : new LinkedHashSet<>(mediaTypes)) {
                ObjectNode result = results.addObject();
                result.putObject("group").put("queueId", queueId).put("mediaType", mediaType);
                ArrayNode data = result.putArray("data");
                boolean messages = queue.isPresent() && mediaType.equals("message");
                Map<String, List<Observation>> byMetric = messages ? observe(world, queueId, now) : Map.of();
                for (String metric : perMedia) {
                    List<Observation> seen = byMetric.getOrDefault(metric, List.of());
                    ObjectNode d = data.addObject();
                    d.put("metric", metric);
                    ObjectNode stats = d.putObject("stats");
                    if (metric.equals("oLongestWaiting")) {
                        // A live payload: the moment the oldest began waiting (epoch ms), not how long ago.
                        Optional<Instant> oldest = seen.stream().map(Observation::since).min(Comparator.naturalOrder());
                        stats.put("count", oldest.isPresent() ? 1 : 0);
                        oldest.ifPresent(t -> stats.put("calculatedMetricValue", t.toEpochMilli()));
                        continue;
                    }
                    stats.put("count", seen.size());
                    if (detail.contains(metric)) {
                        details(d, seen);
                    }
                }
            }
            if (!perQueue.isEmpty()) {
                ObjectNode result = results.addObject();
                result.putObject("group").put("queueId", queueId);
                ArrayNode data = result.putArray("data");
                for (String metric : perQueue) {
                    ObjectNode d = data.addObject();
                    d.put("metric", metric);
                    d.putObject("stats").put("count", 0);
                    if (detail.contains(metric)) {
                        d.putArray("observations");
                    }
                }
            }
        }
        return new Result.Body(out);
    }

    private static String notAllowed(String value, String field, List<String> allowed) {
        return "Value [" + value + "] is not valid for field type [" + field + "]. Allowable values are: " + String.join(", ", allowed);
    }

    private Map<String, List<Observation>> observe(World world, String queueId, Instant now) {
        List<Observation> waiting = new ArrayList<>();
        List<Observation> interacting = new ArrayList<>();
        List<Observation> alerting = new ArrayList<>();
        for (Conversation c : world.conversations()) {
            Optional<Participant> acd = c.waitingAcdLeg();
            if (acd.isPresent() && acd.get().queueId().orElse(c.queueId()).equals(queueId)) {
                waiting.add(new Observation(acd.get().startTime(), c, acd.get()));
            } else if (acd.isEmpty() && c.isLingering(now) && c.queueId().equals(queueId)) {
                c.latest(LegKind.ACD).ifPresent(p -> waiting.add(new Observation(p.startTime(), c, p)));
            }
            c.latest(LegKind.AGENT).filter(a -> a.queueId().orElse("").equals(queueId)).ifPresent(agent -> {
                if (agent.isConnected()) {
                    interacting.add(new Observation(agent.connectedTime().orElse(agent.startTime()), c, agent));
                } else if (agent.isAlerting()) {
                    alerting.add(new Observation(agent.alertingTime().orElse(agent.startTime()), c, agent));
                }
            });
        }
        return Map.of("oWaiting", waiting, "oInteracting", interacting, "oAlerting", alerting, "oLongestWaiting", waiting);
    }

    private void details(ObjectNode d, List<Observation> seen) {
        List<Observation> sorted = new ArrayList<>(seen);
        sorted.sort(Comparator.comparing(Observation::since).thenComparing(o -> o.conversation().id()));
        List<Observation> shown = sorted;
        if (sorted.size() > MAX_OBSERVATIONS) {
            int half = MAX_OBSERVATIONS / 2;
            shown = new ArrayList<>(sorted.subList(0, half));
            shown.addAll(sorted.subList(sorted.size() - half, sorted.size()));
            d.put("truncated", true);
        }
        ArrayNode observations = d.putArray("observations");
        for (Observation o : shown) {
            ObjectNode n = observations.addObject();
            n.put("observationDate", o.since().toString());
            n.put("conversationId", o.conversation().id());
            n.put("sessionId", o.leg().communicationId());
            n.put("routingPriority", 0);
            n.putArray("requestedRoutingSkillIds");
            o.conversation().customer().ifPresent(cu -> n.put("participantName", cu.name()));
            o.leg().userId().ifPresent(u -> n.put("userId", u));
            n.put("direction", "inbound");
            n.put("addressFrom", o.conversation().customer().map(Participant::id).orElse(""));
        }
    }

    private static void collect(JsonNode filter, List<String> queueIds, List<String> mediaTypes) {
        for (JsonNode p : filter.path("predicates")) {
            String dimension = p.path("dimension").asText("");
            if (dimension.equals("queueId")) {
                queueIds.add(p.path("value").asText());
            } else if (dimension.equals("mediaType")) {
                mediaTypes.add(p.path("value").asText());
            }
        }
        for (JsonNode clause : filter.path("clauses")) {
            collect(clause, queueIds, mediaTypes);
        }
    }
}
