package dev.unstuck.sandbox.conversation;

import dev.unstuck.sandbox.org.Flow;
import dev.unstuck.sandbox.org.Ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A web messaging conversation: its participants in order of arrival and its place in a queue. Every
 * change goes through here so listeners hear of it; the rules of when to change what live in
 * {@link Lifecycle}.
 */
public final class Conversation {
    private final String id;
    private final String label;
    private final GuestKind kind;
    private final String queueId;
    private final Instant startTime;
    private final Ids ids;
    private final ModelListener listener;
    private final List<Participant> participants = new ArrayList<>();
    private Instant endTime;
    private Instant lingeringUntil;
    private int flowPasses;
    private FrozenRecord frozen;

    Conversation(String id, String label, GuestKind kind, String queueId, Instant startTime, Ids ids,
                 ModelListener listener) {
        this.id = id;
        this.label = label;
        this.kind = kind;
        this.queueId = queueId;
        this.startTime = startTime;
        this.ids = ids;
        this.listener = listener;
    }

    public String id() { return id; }
    public String label() { return label; }
    public GuestKind kind() { return kind; }
    public String queueId() { return queueId; }
    public Instant startTime() { return startTime; }
    public Optional<Instant> endTime() { return Optional.ofNullable(endTime); }
    public boolean isEnded() { return endTime != null; }
    public List<Participant> participants() { return List.copyOf(participants); }
    public int flowPasses() { return flowPasses; }

    /** The analytics record as it froze, if it did: analytics shows that and nothing later. */
    public Optional<FrozenRecord> analyticsFrozen() { return Optional.ofNullable(frozen); }

    /** Analytics takes no more of this conversation's changes from {@code at} on; a second freeze changes nothing. */
    void freezeAnalytics(Instant at) {
        if (frozen == null) {
            frozen = FrozenRecord.of(this, at);
        }
    }

    public Optional<Participant> participant(String participantId) {
        return participants.stream().filter(p -> p.id().equals(participantId)).findFirst();
    }

    public Optional<Participant> customer() {
        return participants.stream().filter(p -> p.kind() == LegKind.CUSTOMER).findFirst();
    }

    /** The queue leg currently holding the guest's place in the queue, if any. */
    public Optional<Participant> waitingAcdLeg() {
        return participants.stream().filter(p -> p.kind() == LegKind.ACD && p.isConnected()).reduce((a, b) -> b);
    }

    public Optional<Participant> latest(LegKind legKind) {
        return participants.stream().filter(p -> p.kind() == legKind).reduce((a, b) -> b);
    }

    public Optional<Instant> lingeringUntil() {
        return Optional.ofNullable(lingeringUntil);
    }

    /** Whether the queue still counts this conversation as waiting at {@code now}. */
    public boolean isWaiting(Instant now) {
        return waitingAcdLeg().isPresent() || isLingering(now);
    }

    /** Counted as waiting only because the queue has not cleaned up after the guest left. */
    public boolean isLingering(Instant now) {
        return lingeringUntil != null && now.isBefore(lingeringUntil);
    }

    public int segmentCount() {
        return participants.stream().mapToInt(Participant::segmentCount).sum();
    }

    /** A flow leg running {@code flow}, named after it. */
    Participant joinFlow(Flow flow, Instant at) {
        return join(LegKind.FLOW, flow.name(), Optional.empty(), Optional.empty(), at, Optional.of(flow));
    }

    Participant join(LegKind legKind, String name, Optional<String> queue, Optional<String> userId, Instant at) {
        return join(legKind, name, queue, userId, at, Optional.empty());
    }

    private Participant join(LegKind legKind, String name, Optional<String> queue, Optional<String> userId, Instant at,
                             Optional<Flow> flow) {
        Participant p = new Participant(ids.next(), ids.next(), legKind, name, queue, userId, at);
        flow.ifPresent(p::runs);
        participants.add(p);
        if (legKind == LegKind.FLOW) {
            flowPasses++;
        }
        listener.onEvent(new ModelEvent.ParticipantStarted(id, p.id(), legKind, queue, userId, at));
        if (legKind == LegKind.ACD) {
            listener.onEvent(new ModelEvent.AcdStarted(id, p.id(), queue.orElse(queueId), at));
        }
        return p;
    }

    void alert(Participant p, Instant at) {
        p.alert(at);
        if (p.kind() == LegKind.AGENT) {
            listener.onEvent(new ModelEvent.AgentAlerted(id, p.id(), p.userId().orElse(""), at));
        }
    }

    void connect(Participant p, Instant at) {
        p.connect(at);
        if (p.kind() == LegKind.AGENT) {
            p.requireWrapup();
            listener.onEvent(new ModelEvent.AgentConnected(id, p.id(), p.userId().orElse(""), at));
        }
    }

    /** Ends a leg; {@code acdOutcome} matters only for queue legs (ANSWERED, ABANDON, FLOW_OUT, UNKNOWN). */
    void disconnect(Participant p, String disconnectType, String acdOutcome, Instant at) {
        if (p.isEnded()) {
            return;
        }
        p.disconnect(at, disconnectType);
        listener.onEvent(new ModelEvent.ParticipantEnded(id, p.id(), p.kind(), disconnectType, at));
        if (p.kind() == LegKind.ACD) {
            String q = p.queueId().orElse(queueId);
            listener.onEvent(new ModelEvent.AcdEnded(id, p.id(), q, acdOutcome, disconnectType, at));
            if (lingeringUntil == null) {
                listener.onEvent(new ModelEvent.QueueEntryFreed(id, q, at));
            }
        }
        if (p.pendingWrapup()) {
            listener.onEvent(new ModelEvent.AfterCallWorkStarted(id, p.id(), p.userId().orElse(""), at));
        }
    }

    /** A message on the leg: the guest's on the customer leg, an agent's on an agent leg. */
    Message send(Participant p, Instant at) {
        Message m = new Message(ids.next(), at, p.kind() == LegKind.CUSTOMER ? Message.RECEIVED : Message.SENT);
        p.message(m);
        listener.onEvent(new ModelEvent.MessageSent(id, p.id(), p.kind(), m.id(), at));
        return m;
    }

    void wrapUp(Participant p, Wrapup wrapup, Instant at) {
        p.wrapUp(wrapup, at);
        listener.onEvent(new ModelEvent.WrapupApplied(id, p.id(), wrapup, at));
    }

    void lingerUntil(Instant until) {
        lingeringUntil = until;
    }

    /** The queue forgets the entry now (cleanup done, or freed by a teardown or the acd leg ending). */
    void stopLingering(Instant at) {
        if (lingeringUntil != null) {
            lingeringUntil = null;
            listener.onEvent(new ModelEvent.QueueEntryFreed(id, queueId, at));
        }
    }

    /** Sets the end time once no leg is alerting or connected; true if it ended now. */
    boolean endIfAllDisconnected(Instant at) {
        if (endTime == null && participants.stream().allMatch(Participant::isEnded)) {
            endTime = at;
            listener.onEvent(new ModelEvent.ConversationEnded(id, at));
            return true;
        }
        return false;
    }
}
