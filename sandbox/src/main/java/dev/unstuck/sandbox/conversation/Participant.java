package dev.unstuck.sandbox.conversation;

import dev.unstuck.sandbox.org.Flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One leg of a conversation with its single message communication. The communication's state is the
 * participant's state: {@code alerting}, {@code connected} or {@code disconnected}. Changed only through
 * {@link Conversation}, which tells listeners.
 */
public final class Participant {
    public static final String ALERTING = "alerting";
    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";

    private final String id;
    private final String communicationId;
    private final LegKind kind;
    private final String name;
    private final String queueId;
    private final String userId;
    private final Instant startTime;
    private Flow flow;
    private Instant alertingTime;
    private Instant connectedTime;
    private Instant endTime;
    private String state;
    private String disconnectType;
    private boolean wrapupRequired;
    private Wrapup wrapup;
    private Instant startAcwTime;
    private Instant endAcwTime;
    private final List<Segment> segments = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();

    Participant(String id, String communicationId, LegKind kind, String name, Optional<String> queueId,
                Optional<String> userId, Instant startTime) {
        this.id = id;
        this.communicationId = communicationId;
        this.kind = kind;
        this.name = name;
        this.queueId = queueId.orElse(null);
        this.userId = userId.orElse(null);
        this.startTime = startTime;
        this.state = ALERTING;
    }

    public String id() { return id; }
    public String communicationId() { return communicationId; }
    public LegKind kind() { return kind; }
    public String name() { return name; }
    public Optional<String> queueId() { return Optional.ofNullable(queueId); }
    public Optional<String> userId() { return Optional.ofNullable(userId); }
    /** The Architect flow a flow leg runs; empty for other legs. */
    public Optional<Flow> flow() { return Optional.ofNullable(flow); }
    public Instant startTime() { return startTime; }
    public Optional<Instant> alertingTime() { return Optional.ofNullable(alertingTime); }
    public Optional<Instant> connectedTime() { return Optional.ofNullable(connectedTime); }
    public Optional<Instant> endTime() { return Optional.ofNullable(endTime); }
    public String state() { return state; }
    public Optional<String> disconnectType() { return Optional.ofNullable(disconnectType); }
    public boolean wrapupRequired() { return wrapupRequired; }
    public Optional<Wrapup> wrapup() { return Optional.ofNullable(wrapup); }
    public Optional<Instant> startAcwTime() { return Optional.ofNullable(startAcwTime); }
    public Optional<Instant> endAcwTime() { return Optional.ofNullable(endAcwTime); }
    public List<Segment> segments() { return List.copyOf(segments); }
    /** The messages sent on this leg, oldest first. */
    public List<Message> messages() { return List.copyOf(messages); }

    public boolean isConnected() { return CONNECTED.equals(state); }
    public boolean isAlerting() { return ALERTING.equals(state); }
    public boolean isEnded() { return DISCONNECTED.equals(state); }

    /** Disconnected, wrap-up required and none given yet: the agent is in after-call work. */
    public boolean pendingWrapup() {
        return isEnded() && wrapupRequired && wrapup == null;
    }

    void runs(Flow given) {
        flow = given;
    }

    int segmentCount() {
        return segments.size();
    }

    void alert(Instant at) {
        state = ALERTING;
        alertingTime = at;
        segments.add(Segment.open("alert", at, Optional.ofNullable(queueId)));
    }

    void connect(Instant at) {
        closeOpenSegment(at, Optional.empty());
        state = CONNECTED;
        connectedTime = at;
        segments.add(Segment.open("interact", at, Optional.ofNullable(queueId)));
    }

    void message(Message m) {
        messages.add(m);
    }

    void requireWrapup() {
        wrapupRequired = true;
    }

    void disconnect(Instant at, String type) {
        closeOpenSegment(at, Optional.of(type));
        state = DISCONNECTED;
        disconnectType = type;
        endTime = at;
        if (wrapupRequired && wrapup == null) {
            startAcwTime = at;
            segments.add(Segment.open("wrapup", at, Optional.ofNullable(queueId)));
        }
    }

    void wrapUp(Wrapup given, Instant at) {
        wrapup = given;
        if (startAcwTime != null) {
            endAcwTime = at;
        }
        closeOpenSegment(at, Optional.empty());
    }

    private void closeOpenSegment(Instant at, Optional<String> howDisconnected) {
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (segments.get(i).isOpen()) {
                segments.set(i, segments.get(i).closedAt(at, howDisconnected));
            }
        }
    }
}
