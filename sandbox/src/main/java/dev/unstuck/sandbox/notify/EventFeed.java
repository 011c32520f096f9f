package dev.unstuck.sandbox.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.conversation.Conversation;
import dev.unstuck.sandbox.conversation.LegKind;
import dev.unstuck.sandbox.conversation.ModelEvent;
import dev.unstuck.sandbox.conversation.ModelListener;
import dev.unstuck.sandbox.conversation.Participant;
import dev.unstuck.sandbox.world.World;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns model events into topic events and sends them, on the sandbox clock: events are collected while
 * the model changes and rendered once the change is done (so bodies show a consistent conversation);
 * heartbeats go every {@link #HEARTBEAT} of sandbox time; the delivery faults (delay, drop) apply here.
 * Runs under the state lock.
 */
public final class EventFeed implements ModelListener, Consumer<World> {
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);
    /** How long before its token expires a socket is told {@code v2.system.socket_closing} (about a minute: field report). */
    public static final Duration SOCKET_CLOSING_NOTICE = Duration.ofMinutes(1);

    private record Pending(String topic, String frame, Instant due) {}

    private final Channels channels;
    private final Frames frames;
    private final EventBodies bodies;
    private final List<ModelEvent> collected = new ArrayList<>();
    private final List<Pending> delayed = new ArrayList<>();
    private Duration delay = Duration.ZERO;
    private int dropNext;
    private int dropped;

    public EventFeed(Channels channels, ObjectMapper json) {
        this.channels = channels;
        this.frames = new Frames(json);
        this.bodies = new EventBodies(json);
    }

    @Override
    public synchronized void onEvent(ModelEvent event) {
        collected.add(event);
    }

    /** Delivery faults from the control API: hold every event for {@code delay} of sandbox time; lose the next {@code drop}. */
    public synchronized void faults(Duration delay, int drop) {
        this.delay = delay;
        this.dropNext = drop;
    }

    public synchronized Duration delay() { return delay; }
    public synchronized int dropNext() { return dropNext; }
    public synchronized int dropped() { return dropped; }

    @Override
    public synchronized void accept(World world) {
        Instant now = world.now();
        channels.removeExpired(now);
        List<ModelEvent> events = new ArrayList<>(collected);
        collected.clear();
        for (ModelEvent e : events) {
            world.conversation(e.conversationId()).ifPresent(c -> render(e, c, world).forEach(p -> enqueue(p, e.at())));
        }
        Iterator<Pending> it = delayed.iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (!p.due().isAfter(now)) {
                channels.publish(p.topic(), p.frame());
                it.remove();
            }
        }
        for (Channel c : channels.dueHeartbeats(now, HEARTBEAT)) {
            channels.send(c, frames.heartbeat());
        }
        // After the events due by now, so a socket carries everything that happened before its token died.
        for (Channel c : channels.closingSoon(now, SOCKET_CLOSING_NOTICE)) {
            channels.send(c, frames.socketClosing());
        }
        channels.removeTokenExpired(now);
    }

    private void enqueue(Pending p, Instant at) {
        if (dropNext > 0) {
            dropNext--;
            dropped++;
            return;
        }
        delayed.add(new Pending(p.topic(), p.frame(), at.plus(delay)));
    }

    private List<Pending> render(ModelEvent e, Conversation c, World world) {
        String flowPurpose = world.settings().flowPurpose();
        List<Pending> out = new ArrayList<>();
        boolean participantChange = e instanceof ModelEvent.ParticipantStarted || e instanceof ModelEvent.ParticipantEnded
                || e instanceof ModelEvent.AgentAlerted || e instanceof ModelEvent.AgentConnected
                || e instanceof ModelEvent.WrapupApplied;
        String queueTopic = TopicRules.queueTopic(c.queueId());
        if (participantChange && channels.anySubscribed(queueTopic)) {
            String topic = queueTopic;
            out.add(new Pending(topic, frames.event(topic, bodies.queueConversation(c, flowPurpose)), e.at()));
        }
        String allMediaTopic = TopicRules.queueConversationsTopic(c.queueId());
        if (participantChange && channels.anySubscribed(allMediaTopic)) {
            out.add(new Pending(allMediaTopic, frames.event(allMediaTopic, bodies.queueConversationAllMedia(c, flowPurpose)), e.at()));
        }
        if (channels.anySubscribed(TopicRules.detailTopicPrefix(c.id()))) {
            java.util.stream.Stream.of(detail(e, c), afterCallWork(e, c)).flatMap(Optional::stream).forEach(d -> {
                String topic = TopicRules.detailTopic(c.id(), d.kind());
                out.add(new Pending(topic, frames.event(topic, d.body()), e.at()));
            });
        }
        return out;
    }

    private record Detail(String kind, ObjectNode body) {}

    private Optional<Detail> detail(ModelEvent e, Conversation c) {
        if (e instanceof ModelEvent.ParticipantStarted s && s.kind() != LegKind.ACD) {
            return leg(c, s.participantId()).map(p -> new Detail(startKind(s.kind()), bodies.detail(c, p, s.at())));
        }
        if (e instanceof ModelEvent.ParticipantEnded s && s.kind() != LegKind.ACD) {
            return leg(c, s.participantId()).map(p -> {
                ObjectNode body = bodies.detail(c, p, s.at());
                body.put("disconnectType", EventBodies.upper(s.disconnectType()));
                return new Detail(endKind(s.kind()), body);
            });
        }
        if (e instanceof ModelEvent.AcdStarted s) {
            return leg(c, s.participantId()).map(p -> new Detail("acd.start", bodies.detail(c, p, s.at()).put("queueId", s.queueId())));
        }
        if (e instanceof ModelEvent.AcdEnded s) {
            return leg(c, s.participantId()).map(p -> {
                ObjectNode body = bodies.detail(c, p, s.at()).put("queueId", s.queueId());
                body.put("disconnectType", EventBodies.upper(s.disconnectType()));
                body.put("acdOutcome", s.outcome().isBlank() ? "UNKNOWN" : s.outcome());
                return new Detail("acd.end", body);
            });
        }
        if (e instanceof ModelEvent.WrapupApplied w) {
            return leg(c, w.participantId()).map(p -> {
                ObjectNode body = bodies.detail(c, p, w.at());
                // WrapupDetailEventTopicWrapupEvent has no userId (the SDK models', the agent's leg notwithstanding).
                body.remove("userId");
                body.put("wrapupCode", w.wrapup().code());
                body.put("wrapupDurationMs", w.wrapup().durationSeconds() * 1000L);
                return new Detail("wrapup", body);
            });
        }
        return Optional.empty();
    }

    /**
     * The after-call-work event fires when ACW ends (the wrap-up is given) and carries the wrap-up, as the
     * platform's {@code AfterCallWorkEvent} does; nothing fires when ACW starts.
     */
    private Optional<Detail> afterCallWork(ModelEvent e, Conversation c) {
        if (!(e instanceof ModelEvent.WrapupApplied w)) {
            return Optional.empty();
        }
        return leg(c, w.participantId()).filter(p -> p.startAcwTime().isPresent()).map(p -> {
            ObjectNode body = bodies.detail(c, p, w.at());
            body.put("wrapupCode", w.wrapup().code());
            body.put("wrapupDurationMs", java.time.Duration.between(p.startAcwTime().get(), w.at()).toMillis());
            return new Detail("acw", body);
        });
    }

    private static Optional<Participant> leg(Conversation c, String participantId) {
        return c.participant(participantId);
    }

    private static String startKind(LegKind kind) {
        return legName(kind) + ".start";
    }

    private static String endKind(LegKind kind) {
        return legName(kind) + ".end";
    }

    /** The leg as the detail events name it: an agent's leg is the user's. */
    private static String legName(LegKind kind) {
        return switch (kind) {
            case CUSTOMER -> "customer";
            case FLOW -> "flow";
            case AGENT -> "user";
            case ACD -> "acd";
        };
    }
}
