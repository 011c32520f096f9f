package dev.unstuck.app.store;

import dev.unstuck.core.engine.Detection;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One audited fact for one conversation within one run: a plan, an act's intent or completion, an
 * outcome or a resume (see {@link dev.unstuck.core.engine.AuditEvent} for the kinds and words).
 *
 * @param requestedBy who asked (the caller)
 * @param queue the queue the guest was held by, empty when none
 * @param outcome the outcome's word for outcome rows, the act's result for completions, else empty
 * @param status an act's HTTP status (0: unreachable), empty for other rows and acts of unknown result
 * @param actId links an intent to its completion; empty for other rows
 * @param dryRun recorded by a dry run: nothing was changed
 * @param detection what detection found when a rule asked for the ending ({@link Detection#NONE} otherwise)
 */
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
        List<String> correlationIds,
        String queue,
        String outcome,
        OptionalInt status,
        String actId,
        boolean dryRun,
        Detection detection) {

    public AuditEntry {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(stateBefore, "stateBefore");
        Objects.requireNonNull(stateAfter, "stateAfter");
        correlationIds = List.copyOf(correlationIds);
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(actId, "actId");
        Objects.requireNonNull(detection, "detection");
    }

    /** An entry of an ending no detection rule asked for. */
    public AuditEntry(Instant occurredAt, String runId, String org, String conversationId, String kind, String requestedBy,
                      String reason, String summary, String stateBefore, String stateAfter, List<String> correlationIds,
                      String queue, String outcome, OptionalInt status, String actId, boolean dryRun) {
        this(occurredAt, runId, org, conversationId, kind, requestedBy, reason, summary, stateBefore, stateAfter, correlationIds,
                queue, outcome, status, actId, dryRun, Detection.NONE);
    }
}
