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
import dev.unstuck.sandbox.client.SandboxClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a watch spends per guest it ends, at steady state (connected and scanned), counted from the
 * sandbox's request log: the engine's look and one PATCH per active leg; the stream's next event shows
 * the conversation ended, so no verification call is needed.
 */
class WatchCallsPerEndingTest {

    private static final int CROSSING = 10;

    private SandboxFixture sandbox;
    private Watch watch;
    private Thread thread;
    private final List<Finding> handled = new CopyOnWriteArrayList<>();
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final AtomicInteger scans = new AtomicInteger();

    @BeforeEach
    void start() {
        StringBuilder guests = new StringBuilder();
        for (int i = 0; i < CROSSING; i++) {
            // The queue wait (age - 5 s of flow) crosses 600 s at 10 + 5 i seconds from now.
            guests.append("{\"label\": \"cross-").append(i).append("\", \"kind\": \"waiting\", \"queue\": \"Support\", \"ageSeconds\": ")
                    .append(595 - 5 * i).append("},\n");
        }
        sandbox = SandboxFixture.start("""
                {
                  "seed": 14,
                  "settings": {"rateLimitPerMinute": 100000},
                  "roles": [{"name": "operator", "permissions": ["conversation:communication:disconnect", "conversation:communication:view",
                      "analytics:conversationDetail:view", "routing:queue:view", "authorization:role:view", "oauth:client:view"]}],
                  "oauthClients": [{"id": "core-operator", "secret": "operator-secret", "name": "core operator", "roles": ["operator"]}],
                  "queues": [{"name": "Support"}, {"name": "Billing"}],
                  "agents": [{"name": "Ana Agent"}],
                  "guests": [
                """ + guests + """
                    {"label": "live", "kind": "live-agent", "queue": "Support", "agent": "Ana Agent", "ageSeconds": 3000},
                    {"label": "fine", "kind": "waiting", "queue": "Billing", "ageSeconds": 150}
                  ]
                }
                """);
        GenesysClient client = sandbox.operator();
        Engine engine = new Engine(client, event -> { }, EnginePolicy.lean());
        Policy policy = Policy.of(QueuePolicy.defaults().withMaxWait(Duration.ofMinutes(10)).withMinAge(Duration.ofMinutes(1)));
        watch = new Watch(client, engine, sandbox.control().clock(), policy, Watch.Settings.defaults(),
                new EndRequest(false, false, "watch calls test", "core-test"), new WatchListener() {
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
        thread = new Thread(watch::run, "watch-calls-under-test");
        thread.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> scans.get() >= 1);
    }

    @AfterEach
    void stop() throws InterruptedException {
        watch.stop();
        thread.join(10_000);
        sandbox.close();
    }

    @Test
    void spendsAtMostThreeCallsPerEndedGuestAtSteadyState() {
        sandbox.clearRequests();

        for (int second = 5; second <= 70; second += 5) {
            sandbox.advance(5);
            int crossed = crossedBy(second);
            // Steady state: the watch keeps up, and the stream's events arrive in (real) milliseconds.
            await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == crossed && watch.awaitingConfirmation() == 0);
        }
        assertThat(endedCrossing()).isEqualTo(CROSSING);
        sandbox.advance(15); // past the time the stream has to confirm; anything unconfirmed would be verified now
        await().atMost(Duration.ofSeconds(20)).until(() -> watch.awaitingConfirmation() == 0);

        List<SandboxClient.LoggedRequest> calls = sandbox.requests();
        Map<String, Long> byKind = calls.stream().collect(Collectors.groupingBy(r -> r.method() + " " + shape(r.path()), Collectors.counting()));
        assertThat(calls.size()).as("Genesys calls for %d ended guests: %s; in order: %s", CROSSING, byKind, calls.stream().map(r -> r.method().charAt(0) + shape(r.path()).substring(8)).toList()).isLessThanOrEqualTo(3 * CROSSING);
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(Outcome.Ended.class));
        assertThat(ended("live") || ended("fine")).isFalse();
    }

    @Test
    void anOfferArrivingAfterTheLookIsCaughtWhenTheStreamDoesNotShowTheEndAndIsEndedToo() {
        String first = sandbox.conversationId("cross-0");
        sandbox.action(first, "offerAgent", "Ana Agent", "afterNextRead");

        sandbox.advance(15); // cross-0 crosses maxWait; the offer lands between the look and the PATCHes
        await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() >= 1);
        sandbox.advance(15); // the stream showed an agent alerting, not an end: verification finishes it
        await().atMost(Duration.ofSeconds(20)).until(() -> ended("cross-0") && watch.awaitingConfirmation() == 0);

        for (JsonNode p : sandbox.conversation(first).path("participants")) {
            assertThat(p.path("state").asText()).as(p.path("purpose").asText()).isEqualTo("disconnected");
        }
    }

    /** Guest i's queue wait passes 600 s once more than 10 + 5 i seconds have gone by. */
    private static int crossedBy(int second) {
        int n = 0;
        for (int i = 0; i < CROSSING; i++) {
            n += 10 + 5 * i < second ? 1 : 0;
        }
        return n;
    }

    private static String shape(String path) {
        return path.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}");
    }

    private long endedCrossing() {
        return sandbox.control().conversations().stream().filter(g -> g.label().startsWith("cross-") && g.ended()).count();
    }

    private boolean ended(String label) {
        return sandbox.conversation(sandbox.conversationId(label)).path("ended").asBoolean();
    }
}
