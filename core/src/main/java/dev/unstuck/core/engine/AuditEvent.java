package dev.unstuck.core.engine;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * One line of the audit, written as it happens so the audit is a write-ahead journal: a plan, the
 * intent of an act (written before its HTTP call leaves), the act's completion (after the answer),
 * the outcome, and a resume (a later run finishing what a stopped run began). Made through the
 * factories named for its kinds ({@link #plan}, {@link #intent}, {@link #completion}, {@link #outcome},
 * {@link #resume}), each asking only for what its kind records.
 *
 * @param subject whose ending the line belongs to: the conversation, who asked and why, the queue, whether a dry run
 * @param stateBefore compact legs text before ({@code customer:connected acd(Support):connected}); empty when unknown
 * @param stateAfter compact legs text after; empty when not known (plans, steps) or the conversation is gone
 * @param actId links an intent to its completion (the {@link Kind#STEP} row of the same act); empty for other kinds
 * @param result the outcome's or the completed act's word; {@link Result#NONE} for other kinds
 * @param status the HTTP status of a completed act (0: Genesys could not be reached); empty otherwise
 */
public record AuditEvent(Instant at, Subject subject, Kind kind, String summary, String stateBefore, String stateAfter,
                         List<String> correlationIds, String actId, Result result, OptionalInt status) {

    /** What a line records; {@link #word()} is how the audit database and every output spell it. */
    public enum Kind {
        PLAN,
        /** An act about to be sent: written before the HTTP call, so a crash leaves it visible. */
        INTENT,
        /** An act's completion: its HTTP status and correlation id, or {@link Result#UNKNOWN}. */
        STEP,
        OUTCOME,
        /** A run took over a conversation whose ending a stopped run had begun. */
        RESUME;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind a stored word names. */
        public static Kind of(String word) {
            return byWord(values(), Kind::word, word);
        }

        /** Every kind's word, for readers that filter on one. */
        public static List<String> words() {
            return Arrays.stream(values()).map(Kind::word).toList();
        }
    }

    /** An outcome's word (ended … planned) or a completed act's (accepted … unknown); {@link #NONE} for the other kinds. */
    public enum Result {
        NONE,
        ENDED,
        ALREADY_ENDED,
        SKIPPED,
        /** Genesys does not know the conversation (its own 404 with a valid token); nothing was done. */
        NOT_FOUND,
        FAILED,
        PLANNED,
        ACCEPTED,
        REFUSED,
        UNREACHABLE,
        /** The run stopped between the intent and the answer: Genesys may or may not have applied the act. */
        UNKNOWN;

        /** {@code already-ended}; empty for {@link #NONE}. */
        public String word() {
            return this == NONE ? "" : name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The result a stored word names. */
        public static Result of(String word) {
            return byWord(values(), Result::word, word);
        }

        /** The words a reader may filter on: every result but {@link #NONE}. */
        public static List<String> words() {
            return Arrays.stream(values()).filter(r -> r != NONE).map(Result::word).toList();
        }

        /** The word recorded for an outcome. */
        public static Result of(Outcome outcome) {
            if (outcome instanceof Outcome.Ended ended) {
                return ended.alreadyEnded() ? ALREADY_ENDED : ENDED;
            }
            if (outcome instanceof Outcome.Skipped) {
                return SKIPPED;
            }
            if (outcome instanceof Outcome.NotFound) {
                return NOT_FOUND;
            }
            if (outcome instanceof Outcome.Failed) {
                return FAILED;
            }
            return PLANNED;
        }

        /** The word recorded for a completed act of that HTTP status. */
        public static Result of(int status) {
            if (status == 0) {
                return UNREACHABLE;
            }
            return status >= 200 && status < 300 ? ACCEPTED : REFUSED;
        }
    }

    private static <E extends Enum<E>> E byWord(E[] values, Function<E, String> word, String stored) {
        return Arrays.stream(values).filter(v -> word.apply(v).equals(stored)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("not an audit " + values[0].getDeclaringClass().getSimpleName().toLowerCase(Locale.ROOT)
                        + ": '" + stored + "'"));
    }

    /**
     * What every line of one ending shares.
     *
     * @param queue the queue the guest was held by at the look, empty when none or not yet looked
     * @param dryRun the run only looked and planned; nothing was or will be changed
     * @param detection what detection found, when a rule asked for the ending ({@link Detection#NONE} otherwise)
     */
    public record Subject(String conversationId, String requestedBy, String reason, String queue, boolean dryRun,
                          Detection detection) {

        public Subject {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(requestedBy, "requestedBy");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(queue, "queue");
            Objects.requireNonNull(detection, "detection");
        }

        /** The same subject, held by another queue. */
        public Subject withQueue(String name) {
            return new Subject(conversationId, requestedBy, reason, name, dryRun, detection);
        }
    }

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(stateBefore, "stateBefore");
        Objects.requireNonNull(stateAfter, "stateAfter");
        correlationIds = List.copyOf(correlationIds);
        Objects.requireNonNull(actId, "actId");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(status, "status");
    }

    /** What the run means to do (or, when the plan is to leave it alone, why not). */
    public static AuditEvent plan(Instant at, Subject subject, String summary, String stateBefore, List<String> correlationIds) {
        return new AuditEvent(at, subject, Kind.PLAN, summary, stateBefore, "", correlationIds, "", Result.NONE, OptionalInt.empty());
    }

    /** A run taking over an ending a stopped run began. */
    public static AuditEvent resume(Instant at, Subject subject, String summary) {
        return new AuditEvent(at, subject, Kind.RESUME, summary, "", "", List.of(), "", Result.NONE, OptionalInt.empty());
    }

    /** An act about to be sent ({@code call}), written before its HTTP call leaves. */
    public static AuditEvent intent(Instant at, Subject subject, String call, String stateBefore, String actId) {
        return new AuditEvent(at, subject, Kind.INTENT, call, stateBefore, "", List.of(), actId, Result.NONE, OptionalInt.empty());
    }

    /** An act answered with that HTTP status (0: unreachable). */
    public static AuditEvent completion(Instant at, Subject subject, String summary, String stateBefore, String actId, int status,
                                        List<String> correlationIds) {
        return new AuditEvent(at, subject, Kind.STEP, summary, stateBefore, "", correlationIds, actId, Result.of(status),
                OptionalInt.of(status));
    }

    /** An act sent without an answer: Genesys may or may not have applied it. */
    public static AuditEvent unknownCompletion(Instant at, Subject subject, String summary, String stateBefore, String actId) {
        return new AuditEvent(at, subject, Kind.STEP, summary, stateBefore, "", List.of(), actId, Result.UNKNOWN, OptionalInt.empty());
    }

    /** How the ending came out. */
    public static AuditEvent outcome(Instant at, Subject subject, Outcome outcome, String stateBefore, String stateAfter,
                                     List<String> correlationIds) {
        return new AuditEvent(at, subject, Kind.OUTCOME, outcome.summary(), stateBefore, stateAfter, correlationIds, "",
                Result.of(outcome), OptionalInt.empty());
    }

    /** The same line about another subject. */
    public AuditEvent about(Subject other) {
        return new AuditEvent(at, other, kind, summary, stateBefore, stateAfter, correlationIds, actId, result, status);
    }
}
