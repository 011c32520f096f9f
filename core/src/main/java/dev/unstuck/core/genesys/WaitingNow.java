package dev.unstuck.core.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who waits in one queue's web messaging right now, as a queue observation tells it ({@code oWaiting}
 * with its detail list): how many, and the listed ones oldest first. The list holds at most 100, the
 * oldest 50 and the newest 50 when more wait ({@code truncated}); it has no legs or segments.
 *
 * @param waiting how many wait (lingering entries included: the queue has not noticed those left)
 * @param listed the observations, oldest first
 */
public record WaitingNow(String queueId, int waiting, List<Waiter> listed) {

    public WaitingNow {
        Objects.requireNonNull(queueId, "queueId");
        listed = listed.stream().sorted(Comparator.comparing(Waiter::since).thenComparing(Waiter::conversationId)).toList();
    }

    /** One observation: a conversation, waiting since {@code since} ({@code observationDate}). */
    public record Waiter(String conversationId, Instant since) {

        public Waiter {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(since, "since");
        }
    }

    /** When the oldest listed began waiting; empty when nobody waits. */
    public Optional<Instant> oldest() {
        return listed.isEmpty() ? Optional.empty() : Optional.of(listed.get(0).since());
    }

    /** The query: this queue's web messaging, {@code oWaiting} with its detail list. */
    static String query(ObjectMapper json, String queueId) {
        ObjectNode q = json.createObjectNode();
        ArrayNode predicates = q.putObject("filter").put("type", "and").putArray("predicates");
        predicates.addObject().put("type", "dimension").put("dimension", "queueId").put("operator", "matches").put("value", queueId);
        predicates.addObject().put("type", "dimension").put("dimension", "mediaType").put("operator", "matches").put("value", "message");
        q.putArray("metrics").add("oWaiting");
        q.putArray("detailMetrics").add("oWaiting");
        return q.toString();
    }

    /** The answer's {@code oWaiting} of this queue's {@code message} group; none there: nobody waits. */
    static WaitingNow of(String queueId, JsonNode answer) {
        for (JsonNode result : answer.path("results")) {
            JsonNode group = result.path("group");
            if (!group.path("queueId").asText("").equals(queueId) || !group.path("mediaType").asText("message").equals("message")) {
                continue;
            }
            for (JsonNode data : result.path("data")) {
                if (!data.path("metric").asText("").equals("oWaiting")) {
                    continue;
                }
                List<Waiter> listed = new ArrayList<>();
                for (JsonNode o : data.path("observations")) {
                    Optional<Instant> since = ApiJson.instant(o.path("observationDate"));
                    String id = o.path("conversationId").asText("");
                    if (since.isPresent() && !id.isEmpty()) {
                        listed.add(new Waiter(id, since.get()));
                    }
                }
                return new WaitingNow(queueId, data.path("stats").path("count").asInt(listed.size()), listed);
            }
        }
        return new WaitingNow(queueId, 0, List.of());
    }
}
