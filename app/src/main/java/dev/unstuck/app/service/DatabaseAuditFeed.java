package dev.unstuck.app.service;

import dev.unstuck.app.report.Report;
import dev.unstuck.app.report.ReportQuery;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditEntry;
import dev.unstuck.app.store.AuditPage;
import dev.unstuck.app.store.AuditQuery;
import dev.unstuck.app.text.Csv;
import dev.unstuck.core.engine.Detection;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The audit feed over the audit database: every filter is a column in the query, and pages are cut by
 * row id (the cursor carries the last id a page showed), so paging costs one indexed query per page
 * however large the audit grows, and rows written meanwhile never shift a page.
 */
final class DatabaseAuditFeed implements AuditFeed {
    static final List<String> CSV_COLUMNS = List.of("id", "at", "org", "conversationId", "kind", "outcome", "dryRun", "queue",
            "queueId", "rule", "flowId", "flowName", "passes", "waitingSince", "requestedBy", "reason", "summary", "status",
            "correlationIds");

    private final AuditDatabase db;

    DatabaseAuditFeed(AuditDatabase db) {
        this.db = db;
    }

    @Override
    public Map<String, Object> page(Filter filter) {
        AuditPage page = db.page(query(filter));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", page.rows().stream().map(DatabaseAuditFeed::json).toList());
        out.put("nextCursor", cursor(page.nextBefore()).orElse(null));
        return out;
    }

    @Override
    public CsvPage csv(Filter filter) {
        AuditPage page = db.page(query(filter));
        Csv csv = new Csv(CSV_COLUMNS);
        for (AuditPage.Row row : page.rows()) {
            AuditEntry e = row.entry();
            Detection d = e.detection();
            csv.row(row.id(), e.occurredAt(), e.org(), e.conversationId(), e.kind(), e.outcome(), e.dryRun(), e.queue(),
                    d.queueId().orElse(""), rule(e), d.flowId().orElse(""), d.flowName().orElse(""), d.passes(),
                    d.waitingSince().map(Instant::toString).orElse(""), e.requestedBy(), e.reason(), e.summary(),
                    e.status().isPresent() ? e.status().getAsInt() : "", String.join(" ", e.correlationIds()));
        }
        return new CsvPage(csv.render(), cursor(page.nextBefore()));
    }

    @Override
    public Report report(String org, Instant since, Instant until) {
        return new ReportQuery(db).run(org, since, until);
    }

    private static AuditQuery query(Filter filter) {
        AuditQuery query = AuditQuery.all(filter.limit());
        query = filter.since().map(query::since).orElse(query);
        query = filter.until().map(query::until).orElse(query);
        query = filter.org().map(query::withOrg).orElse(query);
        query = filter.conversationId().map(query::withConversation).orElse(query);
        query = filter.outcome().map(query::withOutcome).orElse(query);
        query = filter.queue().map(query::withQueue).orElse(query);
        query = filter.reason().map(query::withRule).orElse(query);
        query = filter.caller().map(query::withCaller).orElse(query);
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

    /** The rule that asked for the ending, or {@code manual} when a person did. */
    private static String rule(AuditEntry e) {
        return e.detection().rule().isEmpty() ? AuditQuery.MANUAL : e.detection().rule();
    }

    private static Map<String, Object> json(AuditPage.Row row) {
        AuditEntry e = row.entry();
        Detection d = e.detection();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", row.id());
        out.put("at", e.occurredAt().toString());
        out.put("runId", e.runId());
        out.put("org", e.org());
        out.put("conversationId", e.conversationId());
        out.put("kind", e.kind());
        out.put("outcome", e.outcome());
        out.put("dryRun", e.dryRun());
        out.put("queue", e.queue());
        out.put("queueId", d.queueId().orElse(""));
        out.put("rule", rule(e));
        out.put("flowId", d.flowId().orElse(""));
        out.put("flowName", d.flowName().orElse(""));
        out.put("passes", d.passes());
        out.put("waitingSince", d.waitingSince().map(Instant::toString).orElse(null));
        out.put("status", e.status().isPresent() ? e.status().getAsInt() : null);
        out.put("requestedBy", e.requestedBy());
        out.put("reason", e.reason());
        out.put("summary", e.summary());
        out.put("stateBefore", e.stateBefore());
        out.put("stateAfter", e.stateAfter());
        out.put("correlationIds", e.correlationIds());
        return out;
    }
}
