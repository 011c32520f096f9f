package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.conversation.Conversation;
import io.javalin.http.HandlerType;

import java.util.List;

/**
 * Whole conversations: read one (the generic and the messaging view), disconnect all of it (PATCH),
 * tear it down (POST .../disconnect, DELETE). Participants have {@link ParticipantEndpoints}.
 */
record ConversationEndpoints(GenesysJson views) {
    static final String DISCONNECT = "conversation:communication:disconnect";
    static final String VIEW = "conversation:communication:view";
    static final String MESSAGES = "/api/v2/conversations/messages";
    static final String CONVERSATIONS = "/api/v2/conversations";

    void register(Routes routes) {
        routes.api(HandlerType.GET, MESSAGES, this::userConversations);
        routes.api(HandlerType.GET, MESSAGES + "/{cid}", this::messageConversation);
        routes.api(HandlerType.PATCH, MESSAGES + "/{cid}", this::disconnectAll);
        routes.api(HandlerType.GET, CONVERSATIONS + "/{cid}", this::conversation);
        routes.api(HandlerType.POST, CONVERSATIONS + "/{cid}/disconnect", call -> teardown(call, 202));
        routes.api(HandlerType.DELETE, CONVERSATIONS + "/{cid}", call -> teardown(call, 204));
    }

    private Answer userConversations(Call call) {
        // The list is the logged-in user's; a client-credentials token has no user.
        throw new PlatformError(ErrorBody.badRequest(
                "This request requires a user context. Client credentials cannot be used for requests to this resource."));
    }

    private Answer messageConversation(Call call) {
        Conversation c = call.conversation();
        Answer a = Answer.json(200, views.messageConversation(c, call.world().org(), call.world().settings()));
        call.world().conversationRead(c.id());
        return a;
    }

    private Answer conversation(Call call) {
        call.require(VIEW);
        Conversation c = call.conversation(List.of(VIEW));
        Answer a = Answer.json(200, views.conversation(c, call.world().org(), call.world().settings()));
        call.world().conversationRead(c.id());
        return a;
    }

    private Answer disconnectAll(Call call) {
        JsonNode stateNode = call.body().get("state");
        if (stateNode == null || stateNode.isNull()) {
            throw new PlatformError(ErrorBody.badRequest("state is required; 'disconnected' will disconnect the conversation."));
        }
        String wanted = stateNode.asText();
        if (!ErrorBody.PARTICIPANT_STATES.contains(wanted)) {
            throw new PlatformError(ErrorBody.invalidValue(wanted, "Conversation.state", ErrorBody.PARTICIPANT_STATES));
        }
        if (!wanted.equals("disconnected")) {
            throw new PlatformError(ErrorBody.badRequest(
                    "On update, 'disconnected' will disconnect the conversation. No other values are valid."));
        }
        call.require(DISCONNECT);
        Conversation c = call.conversation(List.of(DISCONNECT));
        call.applied(call.world().lifecycle().disconnectAll(c));
        return Answer.json(200, views.conversation(c, call.world().org(), call.world().settings()));
    }

    private Answer teardown(Call call, int status) {
        call.require(DISCONNECT);
        call.applied(call.world().lifecycle().teardown(call.conversation(List.of(DISCONNECT))));
        return Answer.empty(status);
    }
}
