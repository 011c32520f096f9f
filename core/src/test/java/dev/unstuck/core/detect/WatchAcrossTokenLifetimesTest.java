package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Client;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A watch across three tokens of five minutes on the sandbox's manual clock. A notification socket
 * lives only as long as the token that opened its channel; Genesys says {@code socket_closing} a minute
 * before. The client, on the sandbox clock too, would still hold that token for another half minute.
 */
class WatchAcrossTokenLifetimesTest {

    /** Two minutes in the queue is stuck; nothing younger than a minute is scanned for. */
    private static final Policy POLICY = Policy.of(QueuePolicy.defaults().withMaxWait(Duration.ofMinutes(2))
            .withMinAge(Duration.ofMinutes(1)));

    /** Scans only at the start and after reconnects: what the stream loses stays lost for a day. */
    private static final Watch.Settings NO_PERIODIC_SCAN = new Watch.Settings(Duration.ofDays(1), Duration.ofDays(7), Duration.ofSeconds(1));

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.of(ScenarioBuilder.seed(9).setting("rateLimitPerMinute", 100_000)
            .role("operator", "conversation:communication:disconnect", "conversation:communication:view",
                    "analytics:conversationDetail:view", "routing:queue:view")
            .client(Client.of("op", "op-secret").roles("operator").tokenLifetimeSeconds(300)).queues("Support").agents("Ana Agent")
            .guests(Guest.liveAgent("live").queue("Support").agent("Ana Agent").ageSeconds(3000)));
    private Watch watch;
    private Thread thread;
    private final List<Finding> handled = new CopyOnWriteArrayList<>();
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final List<String> connections = new CopyOnWriteArrayList<>();
    private final List<String> breaks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Clock clock = sandbox.control().clock();
        GenesysClient client = GenesysClient.create(Region.parse(sandbox.baseUrl()), new Credentials("op", "op-secret"),
                ClientSettings.defaults().withRequestsPerMinute(60_000), duration -> { }, clock);
        Engine engine = new Engine(client, event -> { }, EnginePolicy.defaults());
        watch = new Watch(client, engine, clock, POLICY, NO_PERIODIC_SCAN, new EndRequest(false, false, "token test", "core-test"),
                new WatchListener() {
                    @Override
                    public void connected(String channelId, int queues) {
                        connections.add(channelId);
                    }

                    @Override
                    public void disconnected(String why) {
                        breaks.add(why);
                    }

                    @Override
                    public void handled(Finding finding, Outcome outcome) {
                        handled.add(finding);
                        outcomes.add(outcome);
                    }
                });
        thread = new Thread(watch::run, "watch-under-test");
        thread.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> connections.size() == 1 && connected(connections.get(0)));
    }

    @AfterEach
    void stop() throws InterruptedException {
        watch.stop();
        thread.join(10_000);
    }

    @Test
    void switchesToAFreshTokenOnTheNoticeEndsAGuestRightAfterTheExpiryAndLosesNoEventOfTheSwitch() {
        sandbox.advance(180);
        addWaiting("crosser", 0); // waiting from T0+180: over two minutes right after the first token dies at T0+300

        sandbox.advance(60); // T0+240: the first socket is told it will close
        await().atMost(Duration.ofSeconds(20)).until(() -> channelsOfTheClient() == 2);
        addWaiting("switcher", 0); // arrives while the watch moves to the new channel; too young for its scan
        await().atMost(Duration.ofSeconds(20)).until(() -> connections.size() == 2 && connected(connections.get(1)));

        sandbox.advance(61); // T0+301: the first token has expired
        await().atMost(Duration.ofSeconds(20)).until(() -> ended("crosser"));
        assertThat(ended("switcher")).isFalse();

        sandbox.advance(60); // T0+361: only the stream knows the switcher, and it is over two minutes
        await().atMost(Duration.ofSeconds(20)).until(() -> ended("switcher"));

        sandbox.advance(119); // T0+480: the second token's notice
        await().atMost(Duration.ofSeconds(20)).until(() -> connections.size() == 3 && connected(connections.get(2)));
        sandbox.advance(61); // T0+541: the second token has expired
        addWaiting("late", 120);
        sandbox.advance(10);
        await().atMost(Duration.ofSeconds(20)).until(() -> ended("late") && handled.size() == 3);

        assertThat(connections).as("one channel per token, no reconnect after a closed socket").hasSize(3).doesNotHaveDuplicates();
        assertThat(breaks).containsOnly("Genesys announced the socket will close");
        assertThat(handled).extracting(Finding::why).containsExactly("stuck", "stuck", "stuck");
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(Outcome.Ended.class));
        assertThat(ended("live")).isFalse();
    }

    private void addWaiting(String label, int ageSeconds) {
        sandbox.control().addGuests(Guest.waiting(label).queue("Support").ageSeconds(ageSeconds).json());
    }

    private boolean ended(String label) {
        return sandbox.conversation(sandbox.conversationId(label)).path("ended").asBoolean();
    }

    private int channelsOfTheClient() {
        int n = 0;
        for (SandboxClient.NotificationChannel ch : sandbox.control().channels()) {
            if (ch.clientId().equals("op")) {
                n++;
            }
        }
        return n;
    }

    private boolean connected(String channelId) {
        for (SandboxClient.NotificationChannel ch : sandbox.control().channels()) {
            if (ch.id().equals(channelId)) {
                return ch.connected() && !ch.topics().isEmpty();
            }
        }
        return false;
    }
}
