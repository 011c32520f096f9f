package dev.unstuck.app.service;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** {@code GET /api/v1/audit}: the audit, filtered and paged by cursor. */
interface AuditFeed {

    /** One page of audit records (newest first) and the cursor of the next, if any. */
    Map<String, Object> page(Filter filter);

    /** The query's filters; each optional. */
    record Filter(Optional<String> org, Optional<String> conversationId, Optional<String> outcome, Optional<Instant> since,
                  Optional<Instant> until, Optional<String> cursor, int limit) {

        static Filter from(Function<String, String> query) {
            int limit = 100;
            String l = query.apply("limit");
            if (l != null) {
                try {
                    limit = Integer.parseInt(l);
                } catch (NumberFormatException e) {
                    limit = -1;
                }
                if (limit < 1 || limit > 1000) {
                    throw ApiProblem.badRequest("'limit' must be a whole number from 1 to 1000");
                }
            }
            return new Filter(Optional.ofNullable(query.apply("org")), Optional.ofNullable(query.apply("conversation")),
                    Optional.ofNullable(query.apply("outcome")), instant(query.apply("since"), "since"),
                    instant(query.apply("until"), "until"), Optional.ofNullable(query.apply("cursor")), limit);
        }

        private static Optional<Instant> instant(String text, String name) {
            if (text == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException e) {
                throw ApiProblem.badRequest("'" + name + "' must be an instant like 2026-11-28T09:00:00Z");
            }
        }
    }
}
