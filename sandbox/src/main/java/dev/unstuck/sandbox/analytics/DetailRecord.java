package dev.unstuck.sandbox.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.conversation.Conversation;
import dev.unstuck.sandbox.conversation.ConversationDivisions;
import dev.unstuck.sandbox.conversation.FrozenRecord;
import dev.unstuck.sandbox.conversation.Participant;
import dev.unstuck.sandbox.conversation.Segment;
import dev.unstuck.sandbox.world.World;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How analytics sees one conversation: participants → one message session each → the segment history.
 * Also gives the dimension values filters test, so what a filter sees is what the response shows (a
 * dimension of the SDK's enums the sandbox does not model has no value).
 *
 * <p>Seen {@code asOf} a moment: analytics trails the conversation (the lag setting; a job's data
 * availability date), so what happened after it is not shown: later legs and segments are absent, a
 * segment or the conversation that ended later is still open. Segments carry their times, so the view
 * of a past moment is rebuilt from the present record without keeping a history.
 */
public final class DetailRecord {
    private final Conversation conversation;
    private final String flowPurpose;
    private final List<String> divisionIds;
    private final Instant asOf;

    /** The conversation as analytics shows it at {@code asOf}; callers show only conversations started by then. */
    DetailRecord(Conversation conversation, String flowPurpose, List<String> divisionIds, Instant asOf) {
        this.conversation = conversation;
        this.flowPurpose = flowPurpose;
        this.divisionIds = List.copyOf(divisionIds);
        this.asOf = asOf;
    }

    /** The conversation as analytics shows it at {@code asOf}, lying in the divisions of what had touched it by then. */
    static DetailRecord of(World world, Conversation c, Instant asOf) {
        List<Participant> legs = c.participants().stream().filter(p -> !p.startTime().isAfter(asOf)).toList();
        return new DetailRecord(c, world.settings().flowPurpose(), ConversationDivisions.of(world.org(), c.queueId(), legs).ids(), asOf);
    }

    /** {@code GET /api/v2/analytics/conversations/{id}/details}: the conversation as the synchronous query sees it now, if analytics has it yet. */
    public static Optional<DetailRecord> seenNow(World world, Conversation c) {
        Instant asOf = DetailSource.syncAsOf(world);
        return c.startTime().isAfter(asOf) ? Optional.empty() : Optional.of(of(world, c, asOf));
    }

    List<String> divisionIds() {
        return divisionIds;
    }

    Conversation conversation() {
        return conversation;
    }

    Instant start() {
        return conversation.startTime();
    }

    /** The end analytics knows of: empty while the conversation was still open at {@code asOf}. */
    Optional<Instant> end() {
        return seen(conversation.analyticsFrozen().map(FrozenRecord::end).orElse(conversation.endTime()));
    }

    private Optional<Instant> seen(Optional<Instant> at) {
        return at.filter(t -> !t.isAfter(asOf));
    }

    /** The legs that had begun by {@code asOf}, each with the segments begun by then (ends after it hidden). */
    private List<Leg> legs() {
        List<Leg> legs = new ArrayList<>();
        Optional<FrozenRecord> frozen = conversation.analyticsFrozen();
        for (Participant p : conversation.participants()) {
            if (p.startTime().isAfter(asOf) || frozen.filter(f -> !f.segments().containsKey(p.id())).isPresent()) {
                continue;
            }
            List<Segment> segments = new ArrayList<>();
            for (Segment s : frozen.map(f -> f.segments().get(p.id())).orElse(p.segments())) {
                if (s.start().isAfter(asOf)) {
                    continue;
                }
                segments.add(s.end().isPresent() && s.end().get().isAfter(asOf)
                        ? new Segment(s.type(), s.start(), Optional.empty(), s.queueId(), Optional.empty()) : s);
            }
            legs.add(new Leg(p, segments));
        }
        return legs;
    }

    private record Leg(Participant participant, List<Segment> segments) {}

    Dimensions conversationDimensions() {
        return dimension -> switch (dimension) {
            case "conversationId" -> List.of(conversation.id());
            case "conversationStart" -> List.of(conversation.startTime().toString());
            case "conversationEnd" -> Dimensions.one(end().map(Instant::toString));
            case "originatingDirection" -> List.of("inbound");
            case "divisionId" -> divisionIds;
            default -> List.of();
        };
    }

    /** The first segment's start, and the latest segment end analytics knows (for {@code orderBy}). */
    Optional<Instant> firstSegmentStart() {
        return legs().stream().flatMap(l -> l.segments().stream()).map(Segment::start).min(Instant::compareTo);
    }

    Optional<Instant> lastSegmentEnd() {
        return legs().stream().flatMap(l -> l.segments().stream()).flatMap(seg -> seg.end().stream()).max(Instant::compareTo);
    }

    /** True when one segment satisfies the filter (segment filters judge a segment with its session and participant). */
    boolean anySegment(Filter filter) {
        for (Leg leg : legs()) {
            for (Segment s : leg.segments()) {
                if (filter.test(segmentDimensions(leg.participant(), s))) {
                    return true;
                }
            }
        }
        return false;
    }

    private Dimensions segmentDimensions(Participant p, Segment s) {
        return dimension -> Dimensions.one(switch (dimension) {
            case "mediaType" -> Optional.of("message");
            case "messageType" -> Optional.of("webmessaging");
            case "purpose" -> Optional.of(p.kind().purpose(flowPurpose));
            case "queueId" -> s.queueId();
            case "segmentType" -> Optional.of(s.type());
            case "segmentEnd" -> s.end().map(Instant::toString);
            case "disconnectType" -> s.disconnectType();
            case "direction" -> Optional.of("inbound");
            case "userId" -> p.userId();
            case "wrapUpCode" -> s.type().equals("wrapup") ? p.wrapup().map(w -> w.code()) : Optional.empty();
            case "flowId" -> p.flow().map(f -> f.id());
            case "flowName" -> p.flow().map(f -> f.name());
            case "participantName" -> Optional.of(p.name());
            default -> Optional.<String>empty();
        });
    }

    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode c = json.createObjectNode();
        c.put("conversationId", conversation.id());
        c.put("conversationStart", conversation.startTime().toString());
        end().ifPresent(e -> c.put("conversationEnd", e.toString()));
        ArrayNode divisions = c.putArray("divisionIds");
        divisionIds.forEach(divisions::add);
        c.put("originatingDirection", "inbound");
        ArrayNode participants = c.putArray("participants");
        for (Leg leg : legs()) {
            Participant p = leg.participant();
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
            // A flow leg's session names the Architect flow it ran (AnalyticsSession.flow, an AnalyticsFlow).
            p.flow().ifPresent(f -> session.putObject("flow").put("flowId", f.id()).put("flowName", f.name()).put("flowType", f.type()));
            session.putArray("metrics");
            ArrayNode segments = session.putArray("segments");
            for (Segment s : leg.segments()) {
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
