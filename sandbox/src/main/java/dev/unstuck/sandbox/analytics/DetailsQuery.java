package dev.unstuck.sandbox.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.org.Reach;
import dev.unstuck.sandbox.world.World;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code POST /api/v2/analytics/conversations/details/query}: a conversation is in the interval when it
 * started in it ([start, end)); then conversation filters, then segment filters, then order and paging.
 */
public final class DetailsQuery {
    public static final int MAX_PAGE_SIZE = 100;

    /** What running a query gives; the HTTP side turns each into its answer. */
    public sealed interface Result {
        record Page(ObjectNode body) implements Result {}

        record Invalid(String message) implements Result {}

        /** More matches than the synchronous query can hold: the platform fails the request. */
        record TooManyMatches(int matches, int limit) implements Result {}
    }

    private final ObjectMapper json;

    public DetailsQuery(ObjectMapper json) {
        this.json = json;
    }

    /** Runs the query over the conversations in the caller's {@code reach}: the platform leaves the others out. */
    public Result run(JsonNode body, World world, Reach reach) {
        try {
            Instant[] interval = interval(body.path("interval"));
            Filter conversationFilter = Filter.allOf(body.get("conversationFilters"), "conversationFilters",
                    DetailRecord.CONVERSATION_DIMENSIONS);
            Filter segmentFilter = Filter.allOf(body.get("segmentFilters"), "segmentFilters", DetailRecord.SEGMENT_DIMENSIONS);
            boolean hasSegmentFilters = body.path("segmentFilters").size() > 0;
            int pageSize = body.path("paging").path("pageSize").asInt(25);
            int pageNumber = body.path("paging").path("pageNumber").asInt(1);
            if (pageSize < 1 || pageSize > MAX_PAGE_SIZE || pageNumber < 1) {
                return new Result.Invalid("paging.pageSize must be 1.." + MAX_PAGE_SIZE + " and paging.pageNumber at least 1");
            }
            String order = body.path("order").asText("asc");
            if (!List.of("asc", "desc", "unordered").contains(order)) {
                return new Result.Invalid("Value [" + order + "] is not valid for field order. Allowable values are: asc, desc, unordered");
            }
            String flowPurpose = world.settings().flowPurpose();
            List<DetailRecord> matches = new ArrayList<>();
            for (var c : world.conversations()) {
                if (c.startTime().isBefore(interval[0]) || !c.startTime().isBefore(interval[1])) {
                    continue;
                }
                String division = world.org().divisionOfQueue(c.queueId());
                if (!reach.includes(division)) {
                    continue;
                }
                DetailRecord r = new DetailRecord(c, flowPurpose, division);
                if (conversationFilter.test(r.conversationDimensions()) && (!hasSegmentFilters || r.anySegment(segmentFilter))) {
                    matches.add(r);
                }
            }
            int limit = world.settings().analyticsMaxMatches();
            if (matches.size() > limit) {
                return new Result.TooManyMatches(matches.size(), limit);
            }
            Comparator<DetailRecord> byStart = Comparator.comparing((DetailRecord r) -> r.conversation().startTime())
                    .thenComparing(r -> r.conversation().id());
            matches.sort(order.equals("desc") ? byStart.reversed() : byStart);
            ObjectNode out = json.createObjectNode();
            ArrayNode conversations = json.createArrayNode();
            int from = (pageNumber - 1) * pageSize;
            for (int i = from; i < Math.min(matches.size(), from + pageSize); i++) {
                conversations.add(matches.get(i).toJson(json));
            }
            // The platform leaves conversations out entirely when a page is empty.
            if (!conversations.isEmpty()) {
                out.set("conversations", conversations);
            }
            out.put("totalHits", matches.size());
            return new Result.Page(out);
        } catch (Filter.Invalid e) {
            return new Result.Invalid(e.getMessage());
        }
    }

    private static Instant[] interval(JsonNode node) {
        if (!node.isTextual() || !node.asText().contains("/")) {
            throw new Filter.Invalid("interval is required, as start/end in ISO-8601 (e.g. 2026-11-24T00:00:00Z/2026-11-25T00:00:00Z)");
        }
        String[] parts = node.asText().split("/", 2);
        try {
            Instant start = OffsetDateTime.parse(parts[0]).toInstant();
            Instant end = OffsetDateTime.parse(parts[1]).toInstant();
            if (!end.isAfter(start)) {
                throw new Filter.Invalid("interval end must be after its start");
            }
            return new Instant[] {start, end};
        } catch (DateTimeParseException e) {
            throw new Filter.Invalid("interval " + node.asText() + " is not start/end in ISO-8601");
        }
    }
}
