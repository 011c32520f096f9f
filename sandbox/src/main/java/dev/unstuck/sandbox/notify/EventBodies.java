package dev.unstuck.sandbox.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.conversation.Conversation;
import dev.unstuck.sandbox.conversation.Message;
import dev.unstuck.sandbox.conversation.Participant;

import java.time.Instant;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Event bodies as the platform's topics carry them: the queue topic a conversation (participants with
 * their message communications, lower-case states), detail events flat records with epoch-millisecond
 * {@code eventTime} and upper-case enums.
 */
final class EventBodies {
    private final ObjectMapper json;

    EventBodies(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode queueConversation(Conversation c, String flowPurpose) {
        // The topic's participant is a MessageMediaParticipant: state and times on the participant itself.
        return withParticipants(c, (p, pn) -> {
            pn.put("name", p.name());
            pn.put("startTime", p.startTime().toString());
            p.connectedTime().ifPresent(t -> pn.put("connectedTime", t.toString()));
            p.endTime().ifPresent(t -> pn.put("endTime", t.toString()));
            pn.put("purpose", p.kind().purpose(flowPurpose));
            pn.put("state", p.state());
            pn.put("direction", "inbound");
            p.disconnectType().ifPresent(t -> pn.put("disconnectType", t));
            pn.put("held", false);
            pn.put("wrapupRequired", p.wrapupRequired());
            p.queueId().ifPresent(q -> pn.putObject("queue").put("id", q));
            p.userId().ifPresent(u -> pn.putObject("user").put("id", u));
            p.startAcwTime().ifPresent(t -> pn.put("startAcwTime", t.toString()));
            p.endAcwTime().ifPresent(t -> pn.put("endAcwTime", t.toString()));
            pn.put("provider", "PureCloud Messaging");
            pn.put("type", "webmessaging");
            // The topic's own MessageDetails: the message as a reference, not messageId/messageURI. The reference
            // is a QueueConversationMessageEventTopicUriReference {id, name}: no selfUri (every SDK's model).
            ArrayNode messages = pn.putArray("messages");
            for (Message m : p.messages()) {
                ObjectNode mn = messages.addObject();
                mn.putObject("message").put("id", m.id());
                mn.put("messageTime", m.time().toString());
                mn.put("messageSegmentCount", 1);
                mn.put("messageStatus", m.status());
                mn.putArray("media");
                mn.putArray("stickers");
            }
        });
    }

    /**
     * The queue's every-media topic ({@code v2.routing.queues.{id}.conversations}) carries the conversation as
     * {@code QueueConversationEventTopicConversation}: participants with their ids and times, and the state
     * under each media's communication ({@code messages[]}, a {@code QueueConversationEventTopicMessage}).
     */
    ObjectNode queueConversationAllMedia(Conversation c, String flowPurpose) {
        return withParticipants(c, (p, pn) -> {
            p.connectedTime().ifPresent(t -> pn.put("connectedTime", t.toString()));
            p.endTime().ifPresent(t -> pn.put("endTime", t.toString()));
            p.userId().ifPresent(u -> pn.put("userId", u));
            pn.put("name", p.name());
            p.queueId().ifPresent(q -> pn.put("queueId", q));
            pn.put("purpose", p.kind().purpose(flowPurpose));
            pn.put("wrapupRequired", p.wrapupRequired());
            p.startAcwTime().ifPresent(t -> pn.put("startAcwTime", t.toString()));
            p.endAcwTime().ifPresent(t -> pn.put("endAcwTime", t.toString()));
            pn.putObject("attributes");
            ObjectNode m = pn.putArray("messages").addObject();
            m.put("id", p.communicationId());
            m.put("state", p.state());
            m.put("direction", "inbound");
            m.put("held", false);
            m.put("provider", "PureCloud Messaging");
            p.disconnectType().ifPresent(t -> m.put("disconnectType", t));
            p.connectedTime().ifPresent(t -> m.put("connectedTime", t.toString()));
            p.endTime().ifPresent(t -> m.put("disconnectedTime", t.toString()));
            m.put("type", "webmessaging");
            ArrayNode details = m.putArray("messages");
            for (Message message : p.messages()) {
                ObjectNode d = details.addObject();
                d.put("messageId", message.id());
                d.put("messageTime", message.time().toString());
                d.put("messageStatus", message.status());
                d.put("messageSegmentCount", 1);
                d.putArray("media");
                d.putArray("stickers");
            }
        });
    }

    /** A topic's conversation: its id and each participant's object, begun with the participant's id. */
    private ObjectNode withParticipants(Conversation c, BiConsumer<Participant, ObjectNode> participant) {
        ObjectNode n = json.createObjectNode();
        n.put("id", c.id());
        ArrayNode participants = n.putArray("participants");
        for (Participant p : c.participants()) {
            participant.accept(p, participants.addObject().put("id", p.id()));
        }
        return n;
    }

    ObjectNode detail(Conversation c, Participant p, Instant at) {
        ObjectNode n = json.createObjectNode();
        n.put("eventTime", at.toEpochMilli());
        n.put("conversationId", c.id());
        n.put("participantId", p.id());
        n.put("sessionId", p.communicationId());
        n.put("mediaType", "MESSAGE");
        n.put("messageType", "WEBMESSAGING");
        n.put("provider", "PureCloud Messaging");
        n.put("direction", "INBOUND");
        p.queueId().ifPresent(q -> n.put("queueId", q));
        p.userId().ifPresent(u -> n.put("userId", u));
        return n;
    }

    /**
     * The conversation API's disconnect types as detail events spell them: where the two differ beyond case
     * (the transfer kinds read backwards, {@code transfer.noanswer} is {@code NO_ANSWER_TRANSFER}), the
     * detail events' enum is taken from the SDK models ({@code UserEndDetailEventTopicUserEndEvent}).
     */
    private static final java.util.Map<String, String> DETAIL_DISCONNECT_TYPES = java.util.Map.of(
            "transfer.noanswer", "NO_ANSWER_TRANSFER",
            "transfer.conference", "CONFERENCE_TRANSFER",
            "transfer.consult", "CONSULT_TRANSFER",
            "transfer.forward", "FORWARD_TRANSFER",
            "transfer.notavailable", "NOT_AVAILABLE_TRANSFER",
            "transfer.donotdisturb", "DND_TRANSFER",
            "endpoint.donotdisturb", "DND_ENDPOINT");

    static String upper(String wireValue) {
        return DETAIL_DISCONNECT_TYPES.getOrDefault(wireValue, wireValue.replace('.', '_').toUpperCase(Locale.ROOT));
    }
}
