package dev.unstuck.core.engine;

import java.util.List;
import java.util.Objects;

/** What to do with one conversation: steps in order, or leave it with a reason. */
public sealed interface Plan {

    record Steps(List<Step> steps) implements Plan {

        public Steps {
            steps = List.copyOf(steps);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("a plan with no steps is a Skip");
            }
        }
    }

    record Skip(SkipReason reason) implements Plan {

        public Skip {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
