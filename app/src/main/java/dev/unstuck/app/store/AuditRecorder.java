package dev.unstuck.app.store;

import dev.unstuck.core.engine.AuditEvent;
import dev.unstuck.core.engine.AuditSink;

/**
 * Writes the engine's audit events into the audit database, stamped with the run and the org so a
 * whole `end` or `sweep` can be read back together.
 */
public final class AuditRecorder implements AuditSink {
    private final AuditDatabase database;
    private final String runId;
    private final String org;

    public AuditRecorder(AuditDatabase database, String runId, String org) {
        this.database = database;
        this.runId = runId;
        this.org = org;
    }

    @Override
    public void record(AuditEvent e) {
        database.append(new AuditEntry(e.at(), runId, org, e.conversationId(), e.kind(), e.requestedBy(), e.reason(),
                e.summary(), e.stateBefore(), e.stateAfter(), String.join(" ", e.correlationIds())));
    }

    public String runId() {
        return runId;
    }
}
