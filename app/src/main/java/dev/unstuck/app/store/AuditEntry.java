package dev.unstuck.app.store;

import java.time.Instant;

/** One audited fact: a plan, a step or an outcome for one conversation within one run. */
public record AuditEntry(
        Instant occurredAt,
        String runId,
        String org,
        String conversationId,
        String kind,
        String requestedBy,
        String reason,
        String summary,
        String stateBefore,
        String stateAfter,
        String correlationIds) {
}
