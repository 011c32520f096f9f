package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.sandbox.SandboxFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watch on the sandbox's manual clock: time moves only when the test says, and the sandbox sends
 * a heartbeat every 30 s of it, so "within one event" is exact.
 */
class WatchOnSandboxTest {

    private static final String SCENARIO = """
            {
              "seed": 5,
              "settings": {"rateLimitPerMinute": 100000, "loopIntervalSeconds": 120},
              "roles": [{"name": "operator", "permissions": ["conversation:communication:disconnect", "conversation:communication:view",
                  "analytics:conversationDetail:view", "routing:queue:view", "authorization:role:view", "oauth:client:view"]}],
              "oauthClients": [{"id": "core-operator", "secret": "operator-secret", "name": "core operator", "roles": ["operator"]}],
              "queues": [{"name": "Support"}, {"name": "Billing"}],
              "agents": [{"name": "Ana Agent"}],
              "guests": [
                {"label": "almost", "kind": "waiting", "queue": "Support", "ageSeconds": 580},
                {"label": "loop", "kind": "looping", "queue": "Support", "ageSeconds": 200, "passes": 2},
                {"label": "fine", "kind": "waiting", "queue": "Billing", "ageSeconds": 150},
                {"label": "live", "kind": "live-agent", "queue": "Support", "agent": "Ana Agent", "ageSeconds": 3000}
              ]
            }
            """;

    /** Ten minutes in a queue, three queue entries in an hour; a minute of grace for the young. */
    private static final Policy POLICY = Policy.of(QueuePolicy.defaults().withMaxWait(Duration.ofMinutes(10))
            .withMinAge(Duration.ofMinutes(1)));

    private SandboxFixture sandbox;
    private Watch watch;
    private Thread thread;
    private final List<Finding> handled = new CopyOnWriteArrayList<>();
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger scans = new AtomicInteger();

    @BeforeEach
    void start() {
        sandbox = SandboxFixture.start(SCENARIO);
        GenesysClient client = sandbox.operator();
        Engine engine = new Engine(client, event -> { }, EnginePolicy.defaults());
        watch = new Watch(client, engine, new SandboxClock(sandbox), POLICY, Watch.Settings.defaults(),
                new EndRequest(false, false, "watch test", "core-test"), new WatchListener() {
                    @Override
                    public void connected(String channelId, int queues) {
                        connects.incrementAndGet();
                    }

                    @Override
                    public void scanned(int tracked) {
                        scans.incrementAndGet();
                    }

                    @Override
                    public void handled(Finding finding, Outcome outcome) {
                        handled.add(finding);
                        outcomes.add(outcome);
                    }
                });
        thread = new Thread(watch::run, "watch-under-test");
        thread.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> scans.get() >= 1 && channelConnected());
    }

    @AfterEach
    void stop() throws InterruptedException {
        watch.stop();
        thread.join(10_000);
        sandbox.close();
    }

    @Test
    void endsAGuestWithinOneEventOfCrossingMaxWait() {
        assertThat(ended("almost")).isFalse();

        sandbox.advance(30); // 610 s waiting: over maxWait; the heartbeat is the one event

        await().atMost(Duration.ofSeconds(20)).until(() -> ended("almost"));
        assertThat(handled).extracting(Finding::why).containsExactly("stuck");
        assertThat(ended("fine") || ended("live")).isFalse();
        assertThat(sandbox.queueStats("Support").path("lingering").asInt()).isZero();
    }

    @Test
    void endsALoopWithinOneEventOfItsThirdQueueEntry() {
        // Two passes so far; the sandbox's next pass (flow, then the queue again 5 s later) is the third.
        sandbox.advance(60);
        assertThat(ended("loop")).isFalse();

        sandbox.advance(65);

        await().atMost(Duration.ofSeconds(20)).until(() -> ended("loop"));
        assertThat(handled).filteredOn(f -> f.why().equals("looping")).hasSize(1);
        assertThat(thirdEntryEndedImmediately()).isTrue();
    }

    @Test
    void aRejectedOfferIsNotAnEndTheGuestKeepsBeingWatched() {
        String almost = sandbox.conversationId("almost");
        sandbox.action(almost, "offerAgent", "Ana Agent", "now");
        sandbox.action(almost, "agentRejects", "Ana Agent", "now"); // user.end TRANSFER: the guest still waits

        sandbox.advance(30);

        await().atMost(Duration.ofSeconds(20)).until(() -> ended("almost"));
    }

    @Test
    void recoversFromADroppedSocketAndTheScanFindsWhatTheStreamMissed() {
        // Events are lost while a long-waiting guest arrives, then the socket drops.
        sandbox.put("/sandbox/v1/notifications/faults", "{\"dropNext\": 1000}");
        sandbox.post("/sandbox/v1/conversations", "{\"label\": \"missed\", \"kind\": \"waiting\", \"queue\": \"Billing\", \"ageSeconds\": 7200}");
        sandbox.post("/sandbox/v1/notifications/drop", "{}");

        await().atMost(Duration.ofSeconds(20)).until(() -> connects.get() >= 2);
        sandbox.delete("/sandbox/v1/notifications/faults");
        sandbox.advance(30);

        await().atMost(Duration.ofSeconds(20)).until(() -> ended("missed"));
        assertThat(ended("fine")).isFalse();
    }

    @Test
    void reconnectsWhenGenesysAnnouncesTheSocketWillClose() {
        sandbox.post("/sandbox/v1/notifications/socket-closing", "{\"close\": true}");

        await().atMost(Duration.ofSeconds(20)).until(() -> connects.get() >= 2 && channelConnected());
        sandbox.advance(30);
        await().atMost(Duration.ofSeconds(20)).until(() -> ended("almost"));
    }

    @Test
    void subscribesAgainOnANewChannelWhenTheOldOneLosesItsSubscriptions() {
        sandbox.post("/sandbox/v1/notifications/no-longer-subscribed", "{}");

        await().atMost(Duration.ofSeconds(20)).until(() -> connects.get() >= 2 && channelConnected());
        sandbox.advance(30);
        await().atMost(Duration.ofSeconds(20)).until(() -> ended("almost"));
    }

    @Test
    void reconnectsWhenTheTokenBehindTheChannelIsRevoked() {
        sandbox.post("/sandbox/v1/notifications/token-revoked", "{}");

        await().atMost(Duration.ofSeconds(20)).until(() -> connects.get() >= 2 && channelConnected());
        sandbox.advance(30);
        await().atMost(Duration.ofSeconds(20)).until(() -> ended("almost"));
    }

    @Test
    void aRequeuedGuestIsStillWatchedAndCountedAsAPass() {
        // requeue: one more flow -> queue pass, with the misleading user.end of the field; here the third entry.
        sandbox.action(sandbox.conversationId("loop"), "requeue", "Ana Agent", "now");
        sandbox.advance(5);

        await().atMost(Duration.ofSeconds(20)).until(() -> ended("loop"));
        assertThat(handled).filteredOn(f -> f.why().equals("looping")).hasSize(1);
    }

    @Test
    void leavesTheLiveAgentConversationAlone() {
        sandbox.advance(3600);

        await().atMost(Duration.ofSeconds(20)).until(() -> ended("almost") && ended("fine"));
        assertThat(ended("live")).isFalse();
    }

    private boolean thirdEntryEndedImmediately() {
        JsonNode c = sandbox.conversation(sandbox.conversationId("loop"));
        long acdLegs = 0;
        for (JsonNode p : c.path("participants")) {
            if (p.path("purpose").asText().equals("acd")) {
                acdLegs++;
            }
        }
        return acdLegs == 3;
    }

    private boolean ended(String label) {
        return sandbox.conversation(sandbox.conversationId(label)).path("ended").asBoolean();
    }

    private boolean channelConnected() {
        for (JsonNode ch : sandbox.get("/sandbox/v1/notifications/channels")) {
            if (ch.path("connected").asBoolean() && ch.path("topics").size() > 0) {
                return true;
            }
        }
        return false;
    }

    /** The sandbox's manual clock, read over its control API: the watch judges in sandbox time. */
    private static final class SandboxClock extends Clock {
        private final SandboxFixture sandbox;

        SandboxClock(SandboxFixture sandbox) {
            this.sandbox = sandbox;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.parse(sandbox.get("/sandbox/v1/clock").path("now").asText());
        }
    }
}
