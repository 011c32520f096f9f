package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.core.sandbox.Scenarios;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With analytics 30 s behind (issue 14), the watch's reconciling scan shows guests the watch has just
 * ended as still waiting. The watch must know better: no second ending, no PATCH, no guest counted twice.
 */
class WatchUnderAnalyticsLagTest {
    private static final int CROSSING = 6;
    private static final int LAG_SECONDS = 30;

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.of(Scenarios.operatorOrg(15).setting("analyticsLagSeconds", LAG_SECONDS)
            .queues("Support").agents("Ana Agent").guests(WatchCallsPerEndingTest.crossing(CROSSING))
            .guests(Guest.liveAgent("live").queue("Support").agent("Ana Agent").ageSeconds(3000)));

    private WatchRun run;

    @BeforeEach
    void start() {
        Policy policy = Policy.of(QueuePolicy.defaults().withMaxWait(Duration.ofMinutes(10)).withMinAge(Duration.ofMinutes(1)));
        run = new WatchRun(sandbox, EnginePolicy.lean(), policy,
                new Watch.Settings(Duration.ofSeconds(60), Watch.Settings.defaults().lookback(), Watch.Settings.defaults().reconnectDelay()),
                "watch lag test");
    }

    @AfterEach
    void stop() throws InterruptedException {
        run.close();
    }

    @Test
    void aLaggingScanDoesNotBringBackGuestsTheWatchEnded() {
        for (int second = 5; second <= 40; second += 5) {
            sandbox.advance(5);
            await().atMost(Duration.ofSeconds(20)).until(() -> run.watch.awaitingConfirmation() == 0);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> run.outcomes.size() == CROSSING);
        int scansBefore = run.scans.get();
        sandbox.clearRequests();

        sandbox.advance(25); // the next scan is due; analytics still shows the last endings as waiting
        await().atMost(Duration.ofSeconds(20)).until(() -> run.scans.get() > scansBefore);
        sandbox.advance(5); // a judging round after the scan
        await().atMost(Duration.ofSeconds(20)).until(() -> run.watch.awaitingConfirmation() == 0);

        assertThat(run.outcomes).hasSize(CROSSING).allSatisfy(o -> assertThat(o).isInstanceOf(Outcome.Ended.class));
        assertThat(sandbox.requests()).as("no act after the lagging scan").noneMatch(r -> r.method().equals("PATCH") || r.method().equals("POST")
                && r.path().contains("/disconnect"));
        assertThat(sandbox.control().ended("live")).isFalse();
    }
}
