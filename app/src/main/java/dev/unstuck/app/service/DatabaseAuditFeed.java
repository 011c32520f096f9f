package dev.unstuck.app.service;

import dev.unstuck.app.report.Report;
import dev.unstuck.app.report.ReportQuery;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditPage;
import dev.unstuck.app.store.AuditQuery;
import dev.unstuck.app.text.Csv;
import dev.unstuck.app.view.AuditView;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The audit feed over the audit database: every filter is a column in the query, and pages are cut by
 * row id (the cursor carries the last id a page showed), so paging costs one indexed query per page
 * however large the audit grows, and rows written meanwhile never shift a page.
 */
final class DatabaseAuditFeed implements AuditFeed {
    private final AuditDatabase db;

    DatabaseAuditFeed(AuditDatabase db) {
        this.db = db;
    }

    @Override
    public Map<String, Object> page(Filter filter) {
        AuditPage page = db.page(query(filter));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", page.rows().stream().map(AuditView::json).toList());
        out.put("nextCursor", cursor(page.nextBefore()).orElse(null));
        return out;
    }

    @Override
    public CsvPage csv(Filter filter) {
        AuditPage page = db.page(query(filter));
        Csv csv = new Csv(AuditView.FIELDS);
        page.rows().forEach(row -> csv.row(AuditView.cells(row)));
        return new CsvPage(csv.render(), cursor(page.nextBefore()));
    }

    @Override
    public Report report(String org, Instant since, Instant until) {
        return new ReportQuery(db).run(org, since, until);
    }

    private static AuditQuery query(Filter filter) {
        AuditQuery query = AuditQuery.all(filter.limit()).where(AuditQuery.Match.ORG, filter.org())
                .where(AuditQuery.Match.CONVERSATION, filter.conversationId()).where(AuditQuery.Match.KIND, filter.kind())
                .where(AuditQuery.Match.OUTCOME, filter.outcome()).where(AuditQuery.Match.QUEUE, filter.queue())
                .where(AuditQuery.Match.RULE, filter.reason()).where(AuditQuery.Match.CALLER, filter.caller());
        query = filter.since().map(query::since).orElse(query);
        query = filter.until().map(query::until).orElse(query);
        if (filter.cursor().isPresent()) {
            query = query.before(before(filter.cursor().get()));
        }
        return query;
    }

    private static Optional<String> cursor(OptionalLong before) {
        return before.isPresent()
                ? Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(("b:" + before.getAsLong()).getBytes(StandardCharsets.UTF_8)))
                : Optional.empty();
    }

    private static long before(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("b:")) {
                long value = Long.parseLong(text.substring(2));
                if (value > 0) {
                    return value;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw ApiProblem.badRequest("'cursor' is not one this service gave; start again without it");
    }
}
