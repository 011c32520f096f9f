package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.sandbox.SandboxFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With analytics 30 s behind (issue 14), the watch's reconciling scan shows guests the watch has just
 * ended as still waiting. The watch must know better: no second ending, no PATCH, no guest counted twice.
 */
class WatchUnderAnalyticsLagTest {
    private static final int CROSSING = 6;
    private static final int LAG_SECONDS = 30;

    private SandboxFixture sandbox;
    private Watch watch;
    private Thread thread;
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
                  "seed": 15,
                  "settings": {"rateLimitPerMinute": 100000, "analyticsLagSeconds": %d},
                  "roles": [{"name": "operator", "permissions": ["conversation:communication:disconnect", "conversation:communication:view",
                      "analytics:conversationDetail:view", "routing:queue:view", "authorization:role:view", "oauth:client:view"]}],
                  "oauthClients": [{"id": "core-operator", "secret": "operator-secret", "name": "core operator", "roles": ["operator"]}],
                  "queues": [{"name": "Support"}],
                  "agents": [{"name": "Ana Agent"}],
                  "guests": [
                """.formatted(LAG_SECONDS) + guests + """
                    {"label": "live", "kind": "live-agent", "queue": "Support", "agent": "Ana Agent", "ageSeconds": 3000}
                  ]
                }
                """);
        GenesysClient client = sandbox.operator();
        Engine engine = new Engine(client, event -> { }, EnginePolicy.lean());
        Policy policy = Policy.of(QueuePolicy.defaults().withMaxWait(Duration.ofMinutes(10)).withMinAge(Duration.ofMinutes(1)));
        watch = new Watch(client, engine, sandbox.control().clock(), policy,
                new Watch.Settings(Duration.ofSeconds(60), Watch.Settings.defaults().lookback(), Watch.Settings.defaults().reconnectDelay()),
                new EndRequest(false, false, "watch lag test", "core-test"), new WatchListener() {
                    @Override
                    public void scanned(int tracked) {
                        scans.incrementAndGet();
                    }

                    @Override
                    public void handled(Finding finding, Outcome outcome) {
                        outcomes.add(outcome);
                    }
                });
        thread = new Thread(watch::run, "watch-lag-under-test");
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
    void aLaggingScanDoesNotBringBackGuestsTheWatchEnded() {
        for (int second = 5; second <= 40; second += 5) {
            sandbox.advance(5);
            await().atMost(Duration.ofSeconds(20)).until(() -> watch.awaitingConfirmation() == 0);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.size() == CROSSING);
        int scansBefore = scans.get();
        sandbox.clearRequests();

        sandbox.advance(25); // the next scan is due; analytics still shows the last endings as waiting
        await().atMost(Duration.ofSeconds(20)).until(() -> scans.get() > scansBefore);
        sandbox.advance(5); // a judging round after the scan
        await().atMost(Duration.ofSeconds(20)).until(() -> watch.awaitingConfirmation() == 0);

        assertThat(outcomes).hasSize(CROSSING).allSatisfy(o -> assertThat(o).isInstanceOf(Outcome.Ended.class));
        assertThat(sandbox.requests()).as("no act after the lagging scan").noneMatch(r -> r.method().equals("PATCH") || r.method().equals("POST")
                && r.path().contains("/disconnect"));
        assertThat(sandbox.control().ended("live")).isFalse();
    }
}
