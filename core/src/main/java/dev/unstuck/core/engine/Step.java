package dev.unstuck.core.engine;

import dev.unstuck.core.conversation.Participant;
import java.util.Objects;

/** One call that changes a conversation. */
public sealed interface Step {

    /** The exact HTTP call this step makes, for dry runs and audit. */
    String httpCall(String conversationId);

    /** {@code PATCH /api/v2/conversations/messages/{id}/participants/{pid}} {@code {"state":"disconnected"}}. */
    record DisconnectLeg(Participant leg) implements Step {

        public DisconnectLeg {
            Objects.requireNonNull(leg, "leg");
        }

        @Override
        public String httpCall(String conversationId) {
            return "PATCH /api/v2/conversations/messages/" + conversationId + "/participants/" + leg.id()
                    + " {\"state\":\"disconnected\"}";
        }
    }

    /**
     * {@code POST /api/v2/conversations/{id}/disconnect}: Genesys' documented last resort; ends every leg
     * and applies the system wrap-up to legs pending wrap-up.
     */
    record Teardown(String why) implements Step {

        public Teardown {
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String httpCall(String conversationId) {
            return "POST /api/v2/conversations/" + conversationId + "/disconnect";
        }
    }
}
