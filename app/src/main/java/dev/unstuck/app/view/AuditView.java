package dev.unstuck.app.view;

import dev.unstuck.app.store.AuditEntry;
import dev.unstuck.app.store.AuditPage;
import dev.unstuck.app.store.AuditQuery;
import dev.unstuck.core.engine.AuditEvent;
import dev.unstuck.core.engine.Detection;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one shape of an audit record (docs/schemas/audit.schema.json): {@code unstuck audit -o json|csv},
 * {@code GET /api/v1/audit} (JSON and its CSV export) and the dashboard all read these fields.
 */
public final class AuditView {
    /** The record's fields in order: the JSON's keys and the CSV's header. */
    public static final List<String> FIELDS = List.of("id", "occurredAt", "runId", "org", "conversationId", "kind", "outcome",
            "dryRun", "queue", "queueId", "rule", "flowId", "flowName", "passes", "waitingSince", "status", "actId", "requestedBy",
            "reason", "summary", "stateBefore", "stateAfter", "correlationIds");

    private AuditView() {
    }

    /** One record as JSON: what is not known is an empty string, or null where the schema says so (status, actId, waitingSince). */
    public static Map<String, Object> json(AuditPage.Row row) {
        AuditEntry entry = row.entry();
        AuditEvent e = entry.event();
        AuditEvent.Subject about = e.subject();
        Detection found = about.detection();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", row.id());
        out.put("occurredAt", e.at().toString());
        out.put("runId", entry.runId());
        out.put("org", entry.org());
        out.put("conversationId", about.conversationId());
        out.put("kind", e.kind().word());
        out.put("outcome", e.result().word());
        out.put("dryRun", about.dryRun());
        out.put("queue", about.queue());
        out.put("queueId", found.queueId().orElse(""));
        out.put("rule", found.rule().isEmpty() ? AuditQuery.MANUAL : found.rule());
        out.put("flowId", found.flowId().orElse(""));
        out.put("flowName", found.flowName().orElse(""));
        out.put("passes", found.passes());
        out.put("waitingSince", found.waitingSince().map(Instant::toString).orElse(null));
        out.put("status", e.status().isPresent() ? e.status().getAsInt() : null);
        out.put("actId", e.actId().isEmpty() ? null : e.actId());
        out.put("requestedBy", about.requestedBy());
        out.put("reason", about.reason());
        out.put("summary", e.summary());
        out.put("stateBefore", e.stateBefore());
        out.put("stateAfter", e.stateAfter());
        out.put("correlationIds", e.correlationIds());
        return out;
    }

    /** The same record as CSV cells in {@link #FIELDS} order: null as an empty cell, correlation ids space-separated. */
    public static List<Object> cells(AuditPage.Row row) {
        Map<String, Object> json = json(row);
        return FIELDS.stream().map(json::get).map(AuditView::cell).toList();
    }

    private static Object cell(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof List<?> many ? String.join(" ", many.stream().map(String::valueOf).toList()) : value;
    }
}
