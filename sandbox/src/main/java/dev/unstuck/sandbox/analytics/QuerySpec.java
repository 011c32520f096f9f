package dev.unstuck.sandbox.analytics;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A conversation details query body as both the synchronous query and a job read it: interval, filters,
 * order. Which conversations the interval takes differs between the two (see {@link #touchesDayOf} and
 * {@link #overlaps}); the filters are the same.
 */
record QuerySpec(Instant start, Instant end, Filter conversationFilter, Filter segmentFilter, boolean hasSegmentFilters,
                 boolean hasFilters, String order, String orderBy, boolean startOfDayIntervalMatching,
                 Optional<Set<String>> conversationIds) {

    static final List<String> ORDERS = List.of("asc", "desc", "unordered");
    /** {@code ConversationQuery.OrderByEnum}; "If not specified, the default value is conversationStart". */
    static final List<String> ORDER_BY = List.of("conversationStart", "conversationEnd", "segmentStart", "segmentEnd");

    static QuerySpec parse(JsonNode body) {
        Instant[] interval = interval(body.path("interval"));
        Filter conversationFilter = Filter.allOf(body.get("conversationFilters"), "conversationFilters", FilterVocabulary.CONVERSATION);
        Filter segmentFilter = Filter.allOf(body.get("segmentFilters"), "segmentFilters", FilterVocabulary.SEGMENT);
        boolean hasSegmentFilters = body.path("segmentFilters").size() > 0;
        boolean hasFilters = hasSegmentFilters || body.path("conversationFilters").size() > 0;
        String order = body.path("order").asText("asc");
        if (!ORDERS.contains(order)) {
            throw new Filter.Invalid(Refusal.notAllowed(order, "order", ORDERS));
        }
        String orderBy = body.path("orderBy").asText("conversationStart");
        if (!ORDER_BY.contains(orderBy)) {
            throw new Filter.Invalid(Refusal.notAllowed(orderBy, "orderBy", ORDER_BY));
        }
        return new QuerySpec(interval[0], interval[1], conversationFilter, segmentFilter, hasSegmentFilters, hasFilters, order,
                orderBy, body.path("startOfDayIntervalMatching").asBoolean(false), conversationFilter.confines("conversationId"));
    }

    /**
     * False only for a conversation the conversation filters cannot match by its id alone (a query by id
     * names at most a page of them), so its record need not be built; {@link #matches} still decides.
     */
    boolean mayMatchId(String conversationId) {
        return conversationIds.map(ids -> ids.contains(conversationId.toLowerCase(Locale.ROOT))).orElse(true);
    }

    boolean matches(DetailRecord r) {
        return conversationFilter.test(r.conversationDimensions()) && (!hasSegmentFilters || r.anySegment(segmentFilter));
    }

    Duration length() {
        return Duration.between(start, end);
    }

    /**
     * The synchronous query's rule: "Results will only include conversations that started on a day
     * touched by the interval" (ConversationQuery.interval, every SDK), in UTC; the interval's own
     * times do not narrow it further.
     */
    boolean touchesDayOf(Instant conversationStart) {
        LocalDate day = day(conversationStart);
        return !day.isBefore(day(start)) && !day.isAfter(day(end.minusNanos(1)));
    }

    /**
     * A job's rule: "all conversations whose lifetime overlaps with the query interval"; with
     * {@code startOfDayIntervalMatching}, only those that started on or after the interval's first day
     * (developer center, Conversation Detail job page).
     */
    boolean overlaps(DetailRecord r) {
        if (!r.start().isBefore(end) || r.end().map(e -> e.isBefore(start)).orElse(false)) {
            return false;
        }
        return !startOfDayIntervalMatching || !day(r.start()).isBefore(day(start));
    }

    /**
     * {@code orderBy} then {@code order} ({@code unordered} as ascending). A record without the value (an
     * open conversation ordered by {@code conversationEnd}) comes last ascending, first descending (the
     * platform's place for it is UNCONFIRMED); ties by conversation id, so pages never overlap.
     */
    Comparator<DetailRecord> ordering() {
        Comparator<Optional<Instant>> missingLast = (a, b) -> a.isPresent() && b.isPresent() ? a.get().compareTo(b.get())
                : Boolean.compare(a.isEmpty(), b.isEmpty());
        Function<DetailRecord, Optional<Instant>> key = switch (orderBy) {
            case "conversationEnd" -> DetailRecord::end;
            case "segmentStart" -> DetailRecord::firstSegmentStart;
            case "segmentEnd" -> DetailRecord::lastSegmentEnd;
            default -> r -> Optional.of(r.start());
        };
        Comparator<DetailRecord> by = Comparator.comparing(key, missingLast).thenComparing(r -> r.conversation().id());
        return order.equals("desc") ? by.reversed() : by;
    }

    private static LocalDate day(Instant t) {
        return t.atOffset(ZoneOffset.UTC).toLocalDate();
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
