package dev.unstuck.core.engine;

import dev.unstuck.core.conversation.Conversation;
import java.util.Objects;

/** What {@link Engine#inspect} found. */
public sealed interface Inspection {

    record Found(Conversation conversation, Plan plan) implements Inspection {

        public Found {
            Objects.requireNonNull(conversation, "conversation");
            Objects.requireNonNull(plan, "plan");
        }
    }

    /** Genesys does not know the id (404). */
    record NotFound(String id) implements Inspection {

        public NotFound {
            Objects.requireNonNull(id, "id");
        }
    }
}
