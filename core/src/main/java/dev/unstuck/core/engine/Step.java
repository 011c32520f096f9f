package dev.unstuck.core.engine;

import dev.unstuck.core.conversation.Participant;
import java.util.Objects;
import java.util.Optional;

/** One call that changes a conversation. */
public sealed interface Step {

    /** The HTTP method of the call this step makes. */
    String method();

    /** The path of the call this step makes, for this conversation. */
    String path(String conversationId);

    /** The JSON body of the call, if it has one. */
    Optional<String> body();

    /** The exact HTTP call this step makes, as one line, for dry runs and audit. */
    default String httpCall(String conversationId) {
        return method() + " " + path(conversationId) + body().map(b -> " " + b).orElse("");
    }

    /** {@code PATCH /api/v2/conversations/messages/{id}/participants/{pid}} {@code {"state":"disconnected"}}. */
    record DisconnectLeg(Participant leg) implements Step {

        public DisconnectLeg {
            Objects.requireNonNull(leg, "leg");
        }

        @Override
        public String method() {
            return "PATCH";
        }

        @Override
        public String path(String conversationId) {
            return "/api/v2/conversations/messages/" + conversationId + "/participants/" + leg.id();
        }

        @Override
        public Optional<String> body() {
            return Optional.of("{\"state\":\"disconnected\"}");
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
        public String method() {
            return "POST";
        }

        @Override
        public String path(String conversationId) {
            return "/api/v2/conversations/" + conversationId + "/disconnect";
        }

        @Override
        public Optional<String> body() {
            return Optional.empty();
        }
    }
}
