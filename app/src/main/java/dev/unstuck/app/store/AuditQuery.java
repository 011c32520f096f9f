package dev.unstuck.app.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What `unstuck audit` asks for: a time floor, one conversation, one run, one outcome word, whether
 * dry runs count, at most so many rows (newest kept).
 */
public record AuditQuery(Optional<Instant> since, Optional<String> conversationId, Optional<String> runId,
                         Optional<String> outcome, boolean includeDryRuns, int limit) {

    public AuditQuery {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Everything (dry runs too), newest {@code limit} rows. */
    public static AuditQuery all(int limit) {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true, limit);
    }

    public static AuditQuery ofRun(String runId) {
        return all(10_000).withRun(runId);
    }

    public AuditQuery withRun(String run) {
        return new AuditQuery(since, conversationId, Optional.of(run), outcome, includeDryRuns, limit);
    }

    public AuditQuery withConversation(String id) {
        return new AuditQuery(since, Optional.of(id), runId, outcome, includeDryRuns, limit);
    }

    public AuditQuery since(Instant floor) {
        return new AuditQuery(Optional.of(floor), conversationId, runId, outcome, includeDryRuns, limit);
    }

    public AuditQuery withOutcome(String word) {
        return new AuditQuery(since, conversationId, runId, Optional.of(word), includeDryRuns, limit);
    }

    public AuditQuery actsOnly() {
        return new AuditQuery(since, conversationId, runId, outcome, false, limit);
    }
}
