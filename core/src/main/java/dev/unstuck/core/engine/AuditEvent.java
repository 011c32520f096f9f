package dev.unstuck.core.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One line of the audit, written as it happens so the audit is a write-ahead journal: a plan, the
 * intent of an act (written before its HTTP call leaves), the act's completion (after the answer),
 * the outcome, and a resume (a later run finishing what a stopped run began).
 *
 * @param kind one of {@link #PLAN}, {@link #INTENT}, {@link #STEP}, {@link #OUTCOME}, {@link #RESUME}
 * @param stateBefore compact legs text before ({@code customer:connected acd(Support):connected}); empty when unknown
 * @param stateAfter compact legs text after; empty when not known (plans, steps) or the conversation is gone
 * @param actId links an intent to its completion (the {@link #STEP} row of the same act); empty for other kinds
 * @param queue the queue the guest was held by at the look, empty when none or not yet looked
 * @param result a word for outcomes ({@link #RESULT_ENDED}…) and completions ({@link #RESULT_ACCEPTED}…); empty otherwise
 * @param status the HTTP status of a completed act (0: Genesys could not be reached); empty otherwise
 * @param dryRun the run only looked and planned; nothing was or will be changed
 * @param detection what detection found, when a rule asked for the ending ({@link Detection#NONE} otherwise)
 */
public record AuditEvent(Instant at, String conversationId, String kind, String summary, String stateBefore,
                         String stateAfter, String requestedBy, String reason, List<String> correlationIds,
                         String actId, String queue, String result, OptionalInt status, boolean dryRun, Detection detection) {

    public static final String PLAN = "plan";
    /** An act about to be sent: written before the HTTP call, so a crash leaves it visible. */
    public static final String INTENT = "intent";
    /** An act's completion: its HTTP status and correlation id, or {@link #RESULT_UNKNOWN}. */
    public static final String STEP = "step";
    public static final String OUTCOME = "outcome";
    /** A run took over a conversation whose ending a stopped run had begun. */
    public static final String RESUME = "resume";

    public static final String RESULT_ENDED = "ended";
    public static final String RESULT_ALREADY_ENDED = "already-ended";
    public static final String RESULT_SKIPPED = "skipped";
    /** Genesys does not know the conversation (its own 404 with a valid token); nothing was done. */
    public static final String RESULT_NOT_FOUND = "not-found";
    public static final String RESULT_FAILED = "failed";
    public static final String RESULT_PLANNED = "planned";
    public static final String RESULT_ACCEPTED = "accepted";
    public static final String RESULT_REFUSED = "refused";
    public static final String RESULT_UNREACHABLE = "unreachable";
    /** The run stopped between the intent and the answer: Genesys may or may not have applied the act. */
    public static final String RESULT_UNKNOWN = "unknown";

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(stateBefore, "stateBefore");
        Objects.requireNonNull(stateAfter, "stateAfter");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(reason, "reason");
        correlationIds = List.copyOf(correlationIds);
        Objects.requireNonNull(actId, "actId");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detection, "detection");
    }

    /** An event of an ending no detection rule asked for. */
    public AuditEvent(Instant at, String conversationId, String kind, String summary, String stateBefore, String stateAfter,
                      String requestedBy, String reason, List<String> correlationIds, String actId, String queue, String result,
                      OptionalInt status, boolean dryRun) {
        this(at, conversationId, kind, summary, stateBefore, stateAfter, requestedBy, reason, correlationIds, actId, queue, result,
                status, dryRun, Detection.NONE);
    }

    /** The same event, with what detection found. */
    public AuditEvent with(Detection found) {
        return new AuditEvent(at, conversationId, kind, summary, stateBefore, stateAfter, requestedBy, reason, correlationIds, actId,
                queue, result, status, dryRun, found);
    }

    /** The word recorded for an outcome. */
    public static String resultOf(Outcome outcome) {
        if (outcome instanceof Outcome.Ended ended) {
            return ended.alreadyEnded() ? RESULT_ALREADY_ENDED : RESULT_ENDED;
        }
        if (outcome instanceof Outcome.Skipped) {
            return RESULT_SKIPPED;
        }
        if (outcome instanceof Outcome.NotFound) {
            return RESULT_NOT_FOUND;
        }
        if (outcome instanceof Outcome.Failed) {
            return RESULT_FAILED;
        }
        return RESULT_PLANNED;
    }

    /** The word recorded for a completed act of that HTTP status. */
    public static String resultOf(int status) {
        if (status == 0) {
            return RESULT_UNREACHABLE;
        }
        return status >= 200 && status < 300 ? RESULT_ACCEPTED : RESULT_REFUSED;
    }
}
