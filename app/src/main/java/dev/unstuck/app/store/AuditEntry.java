package dev.unstuck.app.store;

import dev.unstuck.core.engine.AuditEvent;

import java.util.Objects;

/**
 * One audited fact as the audit database keeps it: the engine's {@link AuditEvent} (a plan, an act's
 * intent or completion, an outcome or a resume) stamped with the run that wrote it and the org.
 */
public record AuditEntry(String runId, String org, AuditEvent event) {

    public AuditEntry {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(event, "event");
    }
}
