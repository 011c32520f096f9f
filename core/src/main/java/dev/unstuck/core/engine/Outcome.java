package dev.unstuck.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What ending one conversation came to, with every step taken, the total time and every
 * {@code ININ-Correlation-ID} seen (reads included).
 */
public sealed interface Outcome {

    String conversationId();

    List<StepResult> steps();

    Duration took();

    List<String> correlationIds();

    /** One sentence for tables and logs. */
    String summary();

    /**
     * The conversation is over. {@code alreadyEnded}: it was over before anything was done (or vanished
     * between two looks), so no step was taken; ending twice is a no-op success. A conversation Genesys
     * does not know at the first look is {@link NotFound}. {@code endedAt}: the end time the last look
     * showed, when Genesys gave one (a conversation over before detection listed it is an analytics ghost).
     */
    record Ended(String conversationId, List<StepResult> steps, Duration took, List<String> correlationIds, boolean alreadyEnded,
                 Optional<Instant> endedAt) implements Outcome {

        public Ended {
            Objects.requireNonNull(conversationId, "conversationId");
            steps = List.copyOf(steps);
            Objects.requireNonNull(took, "took");
            correlationIds = List.copyOf(correlationIds);
            Objects.requireNonNull(endedAt, "endedAt");
        }

        /** Without the end time the last look showed. */
        public Ended(String conversationId, List<StepResult> steps, Duration took, List<String> correlationIds, boolean alreadyEnded) {
            this(conversationId, steps, took, correlationIds, alreadyEnded, Optional.empty());
        }

        @Override
        public String summary() {
            return alreadyEnded ? "already ended; nothing to do"
                    : "ended in " + steps.size() + " step" + (steps.size() == 1 ? "" : "s");
        }
    }

    /**
     * Genesys does not know the conversation: its own 404, to a request with a valid token, at the first
     * look. Nothing was done. Not an ending: a wrong id, org or region, or a conversation too old to read
     * (a 404 from a wrong base URL or the login service is a failure, never this).
     */
    record NotFound(String conversationId, Duration took, List<String> correlationIds) implements Outcome {

        public NotFound {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(took, "took");
            correlationIds = List.copyOf(correlationIds);
        }

        @Override
        public List<StepResult> steps() {
            return List.of();
        }

        @Override
        public String summary() {
            return "not found: Genesys does not know this conversation (wrong id, org or region, or too old); nothing done";
        }
    }

    record Skipped(String conversationId, SkipReason reason, List<StepResult> steps, Duration took, List<String> correlationIds)
            implements Outcome {

        public Skipped {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(reason, "reason");
            steps = List.copyOf(steps);
            Objects.requireNonNull(took, "took");
            correlationIds = List.copyOf(correlationIds);
        }

        @Override
        public String summary() {
            return "skipped: " + reason.sentence();
        }
    }

    record Failed(String conversationId, Cause cause, List<StepResult> steps, Duration took, List<String> correlationIds)
            implements Outcome {

        public Failed {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(cause, "cause");
            steps = List.copyOf(steps);
            Objects.requireNonNull(took, "took");
            correlationIds = List.copyOf(correlationIds);
        }

        @Override
        public String summary() {
            return "failed: " + cause.sentence();
        }
    }

    /** Dry run: what would be done ({@link Step#httpCall(String)} gives the exact calls); nothing changed. */
    record Planned(String conversationId, Plan plan, String state, Duration took, List<String> correlationIds) implements Outcome {

        public Planned {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(took, "took");
            correlationIds = List.copyOf(correlationIds);
        }

        @Override
        public List<StepResult> steps() {
            return List.of();
        }

        @Override
        public String summary() {
            if (plan instanceof Plan.Skip skip) {
                return "would skip: " + skip.reason().sentence();
            }
            List<Step> steps = ((Plan.Steps) plan).steps();
            return "would make " + steps.size() + " call" + (steps.size() == 1 ? "" : "s") + ": "
                    + String.join("; ", steps.stream().map(s -> s.httpCall(conversationId)).toList());
        }
    }
}
