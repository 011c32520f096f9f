package dev.unstuck.sandbox.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.conversation.Conversation;
import dev.unstuck.sandbox.conversation.Participant;

import java.time.Instant;
import java.util.Locale;

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
        ObjectNode n = json.createObjectNode();
        n.put("id", c.id());
        ArrayNode participants = n.putArray("participants");
        for (Participant p : c.participants()) {
            ObjectNode pn = participants.addObject();
            pn.put("id", p.id());
            pn.put("name", p.name());
            pn.put("purpose", p.kind().purpose(flowPurpose));
            p.queueId().ifPresent(q -> pn.put("queueId", q));
            p.userId().ifPresent(u -> pn.put("userId", u));
            p.connectedTime().ifPresent(t -> pn.put("connectedTime", t.toString()));
            p.endTime().ifPresent(t -> pn.put("endTime", t.toString()));
            pn.put("wrapupRequired", p.wrapupRequired());
            p.startAcwTime().ifPresent(t -> pn.put("startAcwTime", t.toString()));
            p.endAcwTime().ifPresent(t -> pn.put("endAcwTime", t.toString()));
            ObjectNode m = pn.putArray("messages").addObject();
            m.put("id", p.communicationId());
            m.put("state", p.state());
            m.put("held", false);
            m.put("type", "webmessaging");
            p.disconnectType().ifPresent(t -> m.put("disconnectType", t));
            p.alertingTime().ifPresent(t -> m.put("startAlertingTime", t.toString()));
            p.connectedTime().ifPresent(t -> m.put("connectedTime", t.toString()));
            p.endTime().ifPresent(t -> m.put("disconnectedTime", t.toString()));
            m.put("afterCallWorkRequired", p.wrapupRequired());
        }
        n.putArray("divisions");
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

    static String upper(String wireValue) {
        return wireValue.replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
