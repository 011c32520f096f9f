package dev.unstuck.app.store;

import java.time.Instant;
import java.util.Optional;

/** What `unstuck audit` asks for: a time floor, one conversation, one run, at most so many rows (newest kept). */
public record AuditQuery(Optional<Instant> since, Optional<String> conversationId, Optional<String> runId, int limit) {

    public static AuditQuery ofRun(String runId) {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.of(runId), 10_000);
    }
}
