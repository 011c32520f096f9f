package dev.unstuck.core.genesys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One page of {@code POST /api/v2/analytics/conversations/details/query} (oldest conversations first),
 * or, without paging, the body of an asynchronous details job. The shapes unstuck needs: detection's
 * candidates (conversations not ended that a queue of the given ones, or, none given, any queue or a
 * flow, has held, now or earlier), guests a flow holds now (the part of the candidates no single queue
 * lists, when the whole is too big for one query), and given conversations by id (to confirm a batch
 * ended in one call).
 *
 * <p>Why "now or earlier": a guest whose ending was cut short between its steps (the queue leg ended,
 * the customer leg not) is held by nothing any more, so a filter on an open queue or flow segment never
 * finds it. A segment filter holds when one segment matches; it cannot say "no open queue segment", so
 * the candidates include conversations with an agent, and the rules sort them out.
 *
 * <p>The interval is what Genesys searches, not what it returns: the synchronous query answers every
 * conversation that started on a UTC day the interval touches, a job every conversation whose life
 * overlaps it. {@link #admits} is the range the caller asked for; callers keep only what it admits.
 *
 * @param from interval start: conversations that started at or after it
 * @param to interval end: conversations that started before it
 */
public record DetailsQuery(Instant from, Instant to, Shape shape, List<String> ids, int pageSize, int pageNumber) {

    /** Genesys' largest page. */
    public static final int MAX_PAGE_SIZE = 100;

    public enum Shape {
        /** Open, and held by one of {@code ids} (queues), or, none given, by any queue or a flow, now or earlier. */
        CANDIDATES,
        /** Open, and held by a flow now (an open segment of a flow leg). */
        IN_FLOW,
        /** The conversations {@code ids}. */
        BY_ID
    }

    public DetailsQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(shape, "shape");
        ids = List.copyOf(ids);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the interval must end after it starts");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE || pageNumber < 1) {
            throw new IllegalArgumentException("pageSize must be 1.." + MAX_PAGE_SIZE + " and pageNumber at least 1");
        }
        if (shape == Shape.BY_ID && ids.isEmpty()) {
            throw new IllegalArgumentException("a query by id needs ids");
        }
    }

    /** Open conversations that a queue of the given ones held, now or earlier; none given: any queue or a flow. */
    public static DetailsQuery candidates(Instant from, Instant to, List<String> queueIds) {
        return new DetailsQuery(from, to, Shape.CANDIDATES, queueIds, MAX_PAGE_SIZE, 1);
    }

    /** Guests a flow holds now. */
    public static DetailsQuery inFlow(Instant from, Instant to) {
        return new DetailsQuery(from, to, Shape.IN_FLOW, List.of(), MAX_PAGE_SIZE, 1);
    }

    /** These conversations, wherever they are now. */
    public static DetailsQuery byIds(Instant from, Instant to, List<String> conversationIds) {
        return new DetailsQuery(from, to, Shape.BY_ID, conversationIds, MAX_PAGE_SIZE, 1);
    }

    public DetailsQuery page(int number) {
        return new DetailsQuery(from, to, shape, ids, pageSize, number);
    }

    public DetailsQuery within(Instant newFrom, Instant newTo) {
        return new DetailsQuery(newFrom, newTo, shape, ids, pageSize, 1);
    }

    /** Whether a conversation that started at {@code conversationStart} is in the range asked for (Genesys answers more). */
    public boolean admits(Instant conversationStart) {
        return !conversationStart.isBefore(from) && conversationStart.isBefore(to);
    }

    /** What this part of a scan is, for messages. */
    public String describe() {
        return switch (shape) {
            case BY_ID -> ids.size() + " conversations by id";
            case IN_FLOW -> "guests held by a flow";
            case CANDIDATES -> ids.isEmpty() ? "guests of any queue or flow" : "guests of queue " + String.join(", ", ids);
        };
    }

    /** The synchronous query's body: this page. */
    String body(ObjectMapper json) {
        ObjectNode q = filters(json);
        q.putObject("paging").put("pageSize", pageSize).put("pageNumber", pageNumber);
        return q.toString();
    }

    /** A details job's body: the same interval and filters, no paging (results come by cursor). */
    String jobBody(ObjectMapper json) {
        return filters(json).toString();
    }

    private ObjectNode filters(ObjectMapper json) {
        ObjectNode q = json.createObjectNode();
        q.put("interval", from + "/" + to);
        q.put("order", "asc");
        q.put("orderBy", "conversationStart");
        if (shape == Shape.BY_ID) {
            ArrayNode predicates = q.putArray("conversationFilters").addObject().put("type", "or").putArray("predicates");
            ids.forEach(id -> dimension(predicates, "conversationId", id));
            return q;
        }
        ArrayNode conversation = q.putArray("conversationFilters").addObject().put("type", "and").putArray("predicates");
        conversation.addObject().put("type", "dimension").put("dimension", "conversationEnd").put("operator", "notExists");
        if (shape == Shape.IN_FLOW) {
            ArrayNode flows = q.putArray("segmentFilters").addObject().put("type", "or").putArray("clauses");
            for (String flow : FLOW_PURPOSES) {
                ArrayNode open = flows.addObject().put("type", "and").putArray("predicates");
                dimension(open, "mediaType", "message");
                dimension(open, "purpose", flow);
                open.addObject().put("type", "dimension").put("dimension", "segmentEnd").put("operator", "notExists");
            }
            return q;
        }
        ObjectNode segment = q.putArray("segmentFilters").addObject().put("type", "and");
        dimension(segment.putArray("predicates"), "mediaType", "message");
        ArrayNode any = segment.putArray("clauses").addObject().put("type", "or").putArray("predicates");
        if (!ids.isEmpty()) {
            // Named queues: a segment in one of them (only acd legs have a queue id here; agent legs may too, and the rules judge).
            ids.forEach(id -> dimension(any, "queueId", id));
            return q;
        }
        // Any queue, or a flow: a guest between two queue passes, bounced from flow to flow, or left behind by either.
        dimension(any, "purpose", "acd");
        FLOW_PURPOSES.forEach(flow -> dimension(any, "purpose", flow));
        return q;
    }

    /** The analytics purposes a flow's participant may have (which one an inbound message flow gets is UNCONFIRMED). */
    private static final List<String> FLOW_PURPOSES = List.of("workflow", "ivr", "inbound", "botflow");

    private static void dimension(ArrayNode predicates, String dimension, String value) {
        predicates.addObject().put("type", "dimension").put("dimension", dimension).put("operator", "matches").put("value", value);
    }
}
