package dev.unstuck.sandbox.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.conversation.Conversation;
import dev.unstuck.sandbox.conversation.Participant;
import dev.unstuck.sandbox.conversation.Segment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How analytics sees one conversation: participants → one message session each → the segment history.
 * Also gives the dimension values filters test, so what a filter sees is what the response shows.
 */
public final class DetailRecord {
    static final List<String> CONVERSATION_DIMENSIONS = List.of("conversationId", "conversationStart", "conversationEnd",
            "originatingDirection", "divisionId", "mediaType");
    static final List<String> SEGMENT_DIMENSIONS = List.of("conversationId", "mediaType", "messageType", "purpose",
            "queueId", "segmentType", "segmentStart", "segmentEnd", "disconnectType", "direction", "userId",
            "participantId", "sessionId", "wrapUpCode");

    private final Conversation conversation;
    private final String flowPurpose;
    private final String divisionId;

    public DetailRecord(Conversation conversation, String flowPurpose, String divisionId) {
        this.conversation = conversation;
        this.flowPurpose = flowPurpose;
        this.divisionId = divisionId;
    }

    Conversation conversation() {
        return conversation;
    }

    Dimensions conversationDimensions() {
        Map<String, String> d = new HashMap<>();
        d.put("conversationId", conversation.id());
        d.put("conversationStart", conversation.startTime().toString());
        conversation.endTime().ifPresent(e -> d.put("conversationEnd", e.toString()));
        d.put("originatingDirection", "inbound");
        d.put("divisionId", divisionId);
        d.put("mediaType", "message");
        return new Dimensions(d);
    }

    /** True when one segment satisfies the filter (segment filters judge a segment with its session and participant). */
    boolean anySegment(Filter filter) {
        for (Participant p : conversation.participants()) {
            for (Segment s : p.segments()) {
                if (filter.test(segmentDimensions(p, s))) {
                    return true;
                }
            }
        }
        return false;
    }

    private Dimensions segmentDimensions(Participant p, Segment s) {
        Map<String, String> d = new HashMap<>();
        d.put("conversationId", conversation.id());
        d.put("mediaType", "message");
        d.put("messageType", "webmessaging");
        d.put("purpose", p.kind().purpose(flowPurpose));
        s.queueId().ifPresent(q -> d.put("queueId", q));
        d.put("segmentType", s.type());
        d.put("segmentStart", s.start().toString());
        s.end().ifPresent(e -> d.put("segmentEnd", e.toString()));
        s.disconnectType().ifPresent(t -> d.put("disconnectType", t));
        d.put("direction", "inbound");
        p.userId().ifPresent(u -> d.put("userId", u));
        d.put("participantId", p.id());
        d.put("sessionId", p.communicationId());
        if (s.type().equals("wrapup")) {
            p.wrapup().ifPresent(w -> d.put("wrapUpCode", w.code()));
        }
        return new Dimensions(d);
    }

    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode c = json.createObjectNode();
        c.put("conversationId", conversation.id());
        c.put("conversationStart", conversation.startTime().toString());
        conversation.endTime().ifPresent(e -> c.put("conversationEnd", e.toString()));
        c.putArray("divisionIds").add(divisionId);
        c.put("originatingDirection", "inbound");
        ArrayNode participants = c.putArray("participants");
        for (Participant p : conversation.participants()) {
            ObjectNode pn = participants.addObject();
            pn.put("participantId", p.id());
            pn.put("participantName", p.name());
            pn.put("purpose", p.kind().purpose(flowPurpose));
            p.userId().ifPresent(u -> pn.put("userId", u));
            ObjectNode session = pn.putArray("sessions").addObject();
            session.put("sessionId", p.communicationId());
            session.put("mediaType", "message");
            session.put("messageType", "webmessaging");
            session.put("direction", "inbound");
            session.putArray("metrics");
            ArrayNode segments = session.putArray("segments");
            for (Segment s : p.segments()) {
                ObjectNode sn = segments.addObject();
                sn.put("segmentStart", s.start().toString());
                s.end().ifPresent(e -> sn.put("segmentEnd", e.toString()));
                sn.put("segmentType", s.type());
                s.queueId().ifPresent(q -> sn.put("queueId", q));
                s.disconnectType().ifPresent(t -> sn.put("disconnectType", t));
                if (s.type().equals("wrapup")) {
                    p.wrapup().ifPresent(w -> sn.put("wrapUpCode", w.code()));
                }
            }
        }
        return c;
    }
}
