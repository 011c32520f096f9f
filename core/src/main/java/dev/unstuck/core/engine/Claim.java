package dev.unstuck.core.engine;

import java.util.Objects;

/** What {@link AuditSink#claim} answered: this run may end the conversation, or another run is at it. */
public sealed interface Claim {

    Claim GRANTED = new Granted();

    /** Nobody else is ending it: go ahead. */
    record Granted() implements Claim {
    }

    /** A run that is still alive holds it: leave it to that run. */
    record Held(String runId) implements Claim {

        public Held {
            Objects.requireNonNull(runId, "runId");
        }
    }

    /** A run that stopped held it: this run now finishes that ending (its unknown acts first). */
    record TakenOver(Unfinished previous) implements Claim {

        public TakenOver {
            Objects.requireNonNull(previous, "previous");
        }
    }
}
