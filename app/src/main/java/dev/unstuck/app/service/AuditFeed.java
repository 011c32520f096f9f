package dev.unstuck.app.service;

import dev.unstuck.core.engine.AuditEvent;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** {@code GET /api/v1/audit}: the audit, filtered and paged by cursor. */
interface AuditFeed {

    /** One page of audit records (newest first) and the cursor of the next, if any. */
    Map<String, Object> page(Filter filter);

    /** The same page as CSV (a header row, then one row per record) and the cursor of the next page. */
    CsvPage csv(Filter filter);

    record CsvPage(String text, Optional<String> nextCursor) {}

    /** {@code GET /api/v1/report}: where an org's guests got stuck over a window (see {@link dev.unstuck.app.report.Report}). */
    dev.unstuck.app.report.Report report(String org, Instant since, Instant until);

    /**
     * The query's filters; each optional.
     *
     * @param reason the rule that asked for the ending ({@code looping}…), or {@code manual} for endings a person asked for
     * @param caller who asked, as the audit names it ({@code token:billing-backend})
     * @param kind the kind of rows ({@code outcome}…), checked to be one the audit writes
     */
    record Filter(Optional<String> org, Optional<String> conversationId, Optional<String> outcome, Optional<Instant> since,
                  Optional<Instant> until, Optional<String> cursor, int limit, Optional<String> queue, Optional<String> reason,
                  Optional<String> caller, Optional<String> kind) {

        static final int MAX_LIMIT = 1000;

        static Filter from(Function<String, String> query) {
            return from(query, 100, MAX_LIMIT);
        }

        /** With another default and ceiling for {@code limit} (an export asks for more rows at once). */
        static Filter from(Function<String, String> query, int defaultLimit, int maxLimit) {
            int limit = defaultLimit;
            String l = query.apply("limit");
            if (l != null) {
                try {
                    limit = Integer.parseInt(l);
                } catch (NumberFormatException e) {
                    limit = -1;
                }
                if (limit < 1 || limit > maxLimit) {
                    throw ApiProblem.badRequest("'limit' must be a whole number from 1 to " + maxLimit);
                }
            }
            return new Filter(given(query, "org"), given(query, "conversation"), given(query, "outcome"),
                    instant(query.apply("since"), "since"), instant(query.apply("until"), "until"), given(query, "cursor"), limit,
                    given(query, "queue"), given(query, "reason"), given(query, "caller"), kind(query));
        }

        private static Optional<String> kind(Function<String, String> query) {
            Optional<String> kind = given(query, "kind");
            if (kind.isPresent() && !AuditEvent.Kind.words().contains(kind.get())) {
                throw ApiProblem.badRequest("'kind' must be one of " + String.join(", ", AuditEvent.Kind.words()));
            }
            return kind;
        }

        /** An empty parameter is no filter (a form's blank field). */
        private static Optional<String> given(Function<String, String> query, String name) {
            return Optional.ofNullable(query.apply(name)).map(String::trim).filter(v -> !v.isEmpty());
        }

        private static Optional<Instant> instant(String text, String name) {
            if (text == null || text.isBlank()) {
                return Optional.empty();
            }
            try {
                Instant instant = Instant.parse(text.trim());
                if (dev.unstuck.app.report.Window.inRange(instant)) {
                    return Optional.of(instant);
                }
            } catch (DateTimeParseException e) {
                // said below
            }
            throw ApiProblem.badRequest("'" + name + "' must be an instant between the years 0 and 9999, like 2026-11-28T09:00:00Z");
        }
    }
}
