package dev.unstuck.core.genesys;

import dev.unstuck.sandbox.client.SandboxClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.conversation.LegState;
import dev.unstuck.core.conversation.Participant;
import dev.unstuck.core.conversation.Purpose;
import dev.unstuck.core.genesys.StreamEvent.Closed;
import dev.unstuck.core.genesys.StreamEvent.ConversationEvent;
import dev.unstuck.core.genesys.StreamEvent.Heartbeat;
import dev.unstuck.core.genesys.StreamEvent.NoLongerSubscribed;
import dev.unstuck.core.genesys.StreamEvent.Pong;
import dev.unstuck.core.genesys.StreamEvent.QueueConversation;
import dev.unstuck.core.genesys.StreamEvent.SocketClosing;
import dev.unstuck.core.genesys.StreamEvent.TokenRevoked;
import dev.unstuck.core.sandbox.SandboxFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The notifications client against the sandbox's channels and socket, on the manual clock. */
class NotificationChannelTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.engineScenario();
    private GenesysClient client;
    private NotificationChannel channel;
    private final Recorder events = new Recorder();

    @BeforeEach
    void start() {
        client = sandbox.operator();
        channel = client.openChannel();
    }

    @AfterEach
    void stop() {
        channel.close();
    }

    @Test
    void opensAChannelWithItsSocketAddressAndExpiry() {
        assertThat(channel.id()).startsWith("streaming-0-");
        assertThat(channel.connectUri().getScheme()).isEqualTo("ws");
        assertThat(channel.connectUri().getPath()).isEqualTo("/channels/" + channel.id());
        assertThat(channel.expires()).isAfter(sandboxNow().plus(Duration.ofHours(23)));
    }

    @Test
    void deliversTheQueuesConversationWithItsLegsWhenAnAgentAnswers() {
        String queueId = sandbox.queueId("Support");
        String conversationId = sandbox.conversationId("waiting-1");
        Subscriptions subscribed = channel.subscribe(List.of(Topics.queue(queueId)));
        connect();

        sandbox.action(conversationId, "connectAgent", "Ana Agent", "now");

        QueueConversation event = events.awaitFirst(QueueConversation.class,
                e -> e.conversation().id().equals(conversationId) && connectedAgent(e.conversation()).isPresent());
        assertThat(subscribed.permitted()).containsExactly(Topics.queue(queueId));
        assertThat(subscribed.rejected()).isEmpty();
        assertThat(event.queueId()).isEqualTo(queueId);
        Participant agent = connectedAgent(event.conversation()).orElseThrow();
        assertThat(agent.userId()).isPresent();
        assertThat(agent.times().start()).isPresent();
        assertThat(agent.times().connected()).contains(sandboxNow());
        Participant acd = event.conversation().participants().stream().filter(p -> p.purpose() == Purpose.ACD).findFirst().orElseThrow();
        assertThat(acd.queueId()).contains(queueId);
        assertThat(acd.times().end()).isPresent();
        assertThat(event.conversation().participants()).anyMatch(p -> p.purpose() == Purpose.CUSTOMER && p.active());
        assertThat(events.threads()).allMatch(name -> name.startsWith("unstuck-notifications-"));
    }

    @Test
    void deliversDetailEventsWithTheirDisconnectType() {
        String conversationId = sandbox.conversationId("offered-1");
        channel.subscribe(List.of(Topics.conversation(conversationId, "user.end")));
        connect();

        sandbox.action(conversationId, "agentRejects", "Ben Agent", "now");

        ConversationEvent userEnd = events.awaitFirst(ConversationEvent.class, e -> e.event().equals("user.end"));
        assertThat(userEnd.conversationId()).isEqualTo(conversationId);
        assertThat(userEnd.disconnectType()).contains("TRANSFER");
        assertThat(userEnd.userId()).isPresent();
        assertThat(userEnd.participantId()).isNotBlank();
        assertThat(userEnd.at()).isEqualTo(sandboxNow());
        // The trap: the agent leg ended "transfer", yet the guest still waits in the queue.
        assertThat(sandbox.conversation(conversationId).path("waiting").asBoolean()).isTrue();
    }

    @Test
    void heartbeatsArriveAsTheSandboxClockMoves() {
        connect();

        sandbox.advance(31);

        events.awaitFirst(Heartbeat.class, e -> true);
    }

    @Test
    void answersPingWithPong() {
        connect();

        channel.ping();

        events.awaitFirst(Pong.class, e -> true);
    }

    @Test
    void reportsSocketClosingThenClosed() {
        connect();

        sandbox.control().socketClosing(Optional.of(channel.id()), true);

        Closed closed = events.awaitFirst(Closed.class, e -> true);
        assertThat(events.all()).hasSize(3).startsWith(new SocketClosing()).endsWith(closed);
        assertThat(events.all().get(1)).as("the platform's 404 frame before the close").isInstanceOf(StreamEvent.ChannelGone.class);
        assertThat(closed.code()).isEqualTo(1000);
    }

    @Test
    void reportsNoLongerSubscribed() {
        String topic = Topics.queue(sandbox.queueId("Support"));
        channel.subscribe(List.of(topic));
        connect();

        sandbox.control().noLongerSubscribed(Optional.of(channel.id()));

        assertThat(events.awaitFirst(NoLongerSubscribed.class, e -> true)).isEqualTo(new NoLongerSubscribed());
    }

    @Test
    void reportsADroppedSocketOnceAsClosed() {
        connect();

        sandbox.control().dropChannels(Optional.of(channel.id()));

        Closed closed = events.awaitFirst(Closed.class, e -> true);
        assertThat(closed.code()).isEqualTo(1006);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> events.of(Closed.class).size() == 1);
    }

    @Test
    void reportsTokenRevoked() {
        connect();

        sandbox.control().tokenRevoked(Optional.of(channel.id()));

        events.awaitFirst(TokenRevoked.class, e -> true);
        StreamEvent.Closed closed = events.awaitFirst(StreamEvent.Closed.class, e -> true);
        assertThat(events.all().get(0)).isEqualTo(new TokenRevoked());
        assertThat(closed.code()).isEqualTo(4001);
    }

    @Test
    void reportsTopicsThatNeedAMissingPermissionAsRejected() {
        NotificationChannel viewers = sandbox.client("core-viewer", "viewer-secret").openChannel();
        String conversationId = sandbox.conversationId("waiting-1");
        String queueTopic = Topics.queue(sandbox.queueId("Support"));
        String detailTopic = Topics.conversation(conversationId, "acd.end");

        Subscriptions subscribed = viewers.subscribe(List.of(queueTopic, detailTopic));

        assertThat(subscribed.permitted()).containsExactly(queueTopic);
        assertThat(subscribed.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.topic()).isEqualTo(detailTopic);
            assertThat(rejection.missingPermissions()).containsExactly("analytics:conversationDetail:view");
            assertThat(rejection.reason()).contains("analytics:conversationDetail:view");
        });
        viewers.close();
    }

    @Test
    void replaceKeepsOnlyTheNewTopicsAndAnEmptyListMakesNoCall() {
        String support = Topics.queue(sandbox.queueId("Support"));
        String billing = Topics.queue(sandbox.queueId("Billing"));
        channel.subscribe(List.of(support));
        sandbox.clearRequests();

        Subscriptions replaced = channel.replace(List.of(billing));
        Subscriptions none = channel.subscribe(List.of());

        assertThat(replaced.permitted()).containsExactly(billing);
        assertThat(none.permitted()).isEmpty();
        assertThat(sandboxChannel().topics()).containsExactly(billing);
        assertThat(sandbox.requests()).extracting(SandboxClient.LoggedRequest::method).containsExactly("PUT");
    }

    @Test
    void canConnectAgainAfterADrop() {
        connect();
        sandbox.control().dropChannels(Optional.of(channel.id()));
        events.awaitFirst(Closed.class, e -> true);

        connect();
        channel.ping();

        events.awaitFirst(Pong.class, e -> true);
    }

    @Test
    void canConnectAgainFromTheListenerWhenClosed() {
        List<StreamEvent> later = new CopyOnWriteArrayList<>();
        channel.connect(event -> {
            events.accept(event);
            if (event instanceof Closed) {
                channel.connect(later::add);
            }
        });
        awaitConnected();

        sandbox.control().dropChannels(Optional.of(channel.id()));
        events.awaitFirst(Closed.class, e -> true);
        awaitConnected();
        channel.ping();

        await().atMost(WAIT).until(() -> later.contains(new Pong()));
    }

    @Test
    void refusesASecondSocketWhileOneIsOpen() {
        connect();

        assertThatThrownBy(() -> channel.connect(e -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeReportsClosedOnceAndNothingAfter() {
        connect();

        channel.close();
        channel.close();
        sandbox.advance(31);
        channel.ping();

        await().atMost(WAIT).until(() -> events.of(Closed.class).size() == 1);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> events.all().equals(List.of(new Closed(1000, "closed by the client"))));
        await().atMost(WAIT).until(() -> !sandboxChannel().connected());
        assertThatThrownBy(() -> channel.connect(e -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRemovedChannelIsClosedByTheServerWhenConnectedAgain() {
        sandbox.control().socketClosing(Optional.of(channel.id()), true);

        channel.connect(events);

        assertThat(events.awaitFirst(Closed.class, e -> true).code()).isEqualTo(4004);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Connects, and waits until the sandbox has the socket, so no event races the connection. */
    private void connect() {
        channel.connect(events);
        awaitConnected();
    }

    private void awaitConnected() {
        await().atMost(WAIT).until(() -> sandboxChannel().connected());
    }

    private SandboxClient.NotificationChannel sandboxChannel() {
        return sandbox.control().channels().stream().filter(c -> c.id().equals(channel.id())).findFirst().orElseThrow();
    }

    private Instant sandboxNow() {
        return sandbox.control().now();
    }

    private static Optional<Participant> connectedAgent(Conversation c) {
        return c.participants().stream().filter(p -> p.purpose() == Purpose.AGENT && p.state() == LegState.CONNECTED).findFirst();
    }

    /** Keeps every event and the thread it came on. */
    private static final class Recorder implements Consumer<StreamEvent> {

        private final List<StreamEvent> events = new CopyOnWriteArrayList<>();
        private final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void accept(StreamEvent event) {
            threads.add(Thread.currentThread().getName());
            events.add(event);
        }

        List<StreamEvent> all() {
            return List.copyOf(events);
        }

        List<String> threads() {
            return List.copyOf(threads);
        }

        <T extends StreamEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends StreamEvent> T awaitFirst(Class<T> type, java.util.function.Predicate<T> matching) {
            await().atMost(WAIT).until(() -> of(type).stream().anyMatch(matching));
            return of(type).stream().filter(matching).findFirst().orElseThrow();
        }
    }
}
