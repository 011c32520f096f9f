package dev.unstuck.app.service;

import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditEntry;
import dev.unstuck.app.store.AuditQuery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The audit feed over the audit database. */
final class DatabaseAuditFeed implements AuditFeed {
    private final AuditDatabase db;

    DatabaseAuditFeed(AuditDatabase db) {
        this.db = db;
    }

    @Override
    public Map<String, Object> page(Filter filter) {
        int offset = filter.cursor().map(DatabaseAuditFeed::offset).orElse(0);
        List<AuditEntry> entries = new ArrayList<>(db.query(new AuditQuery(filter.since(), filter.conversationId(), Optional.empty(), Optional.empty(), true, 100_000)));
        java.util.Collections.reverse(entries); // newest first
        List<AuditEntry> matching = entries.stream()
                .filter(e -> filter.org().map(e.org()::equals).orElse(true))
                .filter(e -> filter.until().map(u -> !e.occurredAt().isAfter(u)).orElse(true))
                .filter(e -> filter.outcome().map(o -> e.kind().equals("outcome") && e.summary().startsWith(o)).orElse(true))
                .toList();
        List<Map<String, Object>> page = matching.stream().skip(offset).limit(filter.limit()).map(DatabaseAuditFeed::json).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", page);
        int next = offset + page.size();
        out.put("nextCursor", next < matching.size() ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("o:" + next).getBytes(StandardCharsets.UTF_8)) : null);
        return out;
    }

    private static int offset(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("o:")) {
                int value = Integer.parseInt(text.substring(2));
                if (value >= 0) {
                    return value;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw ApiProblem.badRequest("'cursor' is not one this service gave; start again without it");
    }

    private static Map<String, Object> json(AuditEntry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", e.occurredAt().toString());
        out.put("runId", e.runId());
        out.put("org", e.org());
        out.put("conversationId", e.conversationId());
        out.put("kind", e.kind());
        out.put("requestedBy", e.requestedBy());
        out.put("reason", e.reason());
        out.put("summary", e.summary());
        out.put("stateBefore", e.stateBefore());
        out.put("stateAfter", e.stateAfter());
        out.put("correlationIds", e.correlationIds());
        return out;
    }
}
