package dev.unstuck.core.genesys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One page of {@code POST /api/v2/analytics/conversations/details/query}, oldest conversations first.
 * Two shapes unstuck needs: guests still held (the field's filter: conversation not ended, an open
 * {@code interact} segment of an {@code acd} leg, in given queues; or, for all queues, also an open
 * segment of a flow leg), and given conversations by id (to confirm a batch ended in one call).
 *
 * @param from interval start: conversations that started at or after it
 * @param to interval end: conversations that started before it
 */
public record DetailsQuery(Instant from, Instant to, Shape shape, List<String> ids, int pageSize, int pageNumber) {

    /** Genesys' largest page. */
    public static final int MAX_PAGE_SIZE = 100;

    public enum Shape { HELD, BY_ID }

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

    /** Guests held by a queue in the given queues; when none are given, held by any queue or by a flow. */
    public static DetailsQuery held(Instant from, Instant to, List<String> queueIds) {
        return new DetailsQuery(from, to, Shape.HELD, queueIds, MAX_PAGE_SIZE, 1);
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

    String body(ObjectMapper json) {
        ObjectNode q = json.createObjectNode();
        q.put("interval", from + "/" + to);
        q.put("order", "asc");
        q.put("orderBy", "conversationStart");
        q.putObject("paging").put("pageSize", pageSize).put("pageNumber", pageNumber);
        if (shape == Shape.BY_ID) {
            ArrayNode predicates = q.putArray("conversationFilters").addObject().put("type", "or").putArray("predicates");
            ids.forEach(id -> dimension(predicates, "conversationId", id));
            return q.toString();
        }
        ArrayNode conversation = q.putArray("conversationFilters").addObject().put("type", "and").putArray("predicates");
        conversation.addObject().put("type", "dimension").put("dimension", "conversationEnd").put("operator", "notExists");
        if (!ids.isEmpty()) {
            // Named queues: the queue wait alone (a flow segment has no queue).
            ObjectNode segment = q.putArray("segmentFilters").addObject().put("type", "and");
            openSegment(segment.putArray("predicates"), "acd", true);
            ArrayNode queues = segment.putArray("clauses").addObject().put("type", "or").putArray("predicates");
            ids.forEach(id -> dimension(queues, "queueId", id));
            return q.toString();
        }
        // Held by a queue, or by a flow: a guest between two queue passes, or bounced from flow to flow.
        ArrayNode held = q.putArray("segmentFilters").addObject().put("type", "or").putArray("clauses");
        openSegment(held.addObject().put("type", "and").putArray("predicates"), "acd", true);
        for (String flow : FLOW_PURPOSES) {
            openSegment(held.addObject().put("type", "and").putArray("predicates"), flow, false);
        }
        return q.toString();
    }

    /** The analytics purposes a flow's participant may have (which one an inbound message flow gets is UNCONFIRMED). */
    private static final List<String> FLOW_PURPOSES = List.of("workflow", "ivr", "inbound", "botflow");

    private static void openSegment(ArrayNode predicates, String purpose, boolean queueWait) {
        dimension(predicates, "mediaType", "message");
        dimension(predicates, "purpose", purpose);
        if (queueWait) {
            dimension(predicates, "segmentType", "interact");
        }
        predicates.addObject().put("type", "dimension").put("dimension", "segmentEnd").put("operator", "notExists");
    }

    private static void dimension(ArrayNode predicates, String dimension, String value) {
        predicates.addObject().put("type", "dimension").put("dimension", dimension).put("operator", "matches").put("value", value);
    }
}
