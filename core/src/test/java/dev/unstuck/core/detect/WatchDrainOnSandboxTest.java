package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.genesys.CallRecord;
import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.core.sandbox.Scenarios;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A watch on a busy org at the sandbox's default worst case for analytics (the 8,000-match limit with the
 * generic 502, details jobs a day behind and 60 s to fulfil, analytics 10 s behind): 10,000 guests stuck in
 * one queue for 90 minutes, arrived within one minute, so no query lists them and no interval splits them;
 * 500 healthy guests waiting a minute and 50 with a live agent in the same queue; a second queue under the
 * limit. The org's rate limit is the one kindness (operatorOrg's, no test reaches it), so the test runs at
 * the sandbox's speed; the bench measures the real clock.
 */
@Order(2) // among core's longest: started early, so the others run beside it
class WatchDrainOnSandboxTest {

    private static final int STUCK = 10_000;
    private static final Policy POLICY = Policy.defaults().withLimit(20_000);

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.of(scenario());

    private static ScenarioBuilder scenario() {
        ScenarioBuilder org = Scenarios.operatorOrg(2101, "analytics:queueObservation:view").queues("Support", "Billing")
                .agents("Ana Agent");
        for (int second = 0; second < 10; second++) {
            // Ten arrivals a thousand strong, six seconds apart: all within one minute.
            org.guests(Guest.waiting("stuck-" + second).queue("Support").ageSeconds(5400 + 6L * second).count(STUCK / 10));
        }
        return org.guests(Guest.waiting("young").queue("Support").ageSeconds(60).count(500),
                Guest.liveAgent("live").queue("Support").agent("Ana Agent").ageSeconds(5400).count(50),
                Guest.waiting("billing").queue("Billing").ageSeconds(300).count(20));
    }

    @Test
    void oneScanEndsEveryGuestStuckInAQueueOfTenThousandAndNoOther() throws Exception {
        WatchRun run = new WatchRun(sandbox, EnginePolicy.lean(), POLICY, Watch.Settings.defaults(), "watch drain test");
        try (run) {
            // Generous: the bound is for a loaded CI machine, not a speed goal (those live in bench/).
            await().atMost(Duration.ofMinutes(5)).until(() -> run.handled.size() >= STUCK);

            assertThat(run.scans.get()).as("scans").isEqualTo(1);
            assertThat(run.connects.get()).as("channels opened").isEqualTo(1);
            assertThat(run.handled.stream().collect(Collectors.groupingBy(Finding::why, Collectors.counting())))
                    .isEqualTo(Map.of("stuck", (long) STUCK));
            assertThat(run.troubles).anySatisfy(t -> assertThat(t).contains("its oldest waiting are listed by queue observation"));
        }
        List<SandboxClient.Guest> ended = sandbox.control().conversations().stream().filter(SandboxClient.Guest::ended).toList();
        assertThat(ended).hasSize(STUCK).allSatisfy(g -> assertThat(g.label()).startsWith("stuck-"));
        assertThat(sandbox.queueStats("Support").lingering()).isZero();
        // Every call the watch made, the refused queries' retries, the observations, the queries by id and the channel's
        // included: near a sweep's 3.054 per ended guest on the same worst case (bench/results/scale.md).
        List<CallRecord> calls = List.copyOf(run.calls);
        assertThat(calls.size() / (double) STUCK).as("calls per ended guest (%d calls)", calls.size()).isLessThanOrEqualTo(3.1);
        long observations = calls.stream().filter(c -> c.path().startsWith("/api/v2/analytics/queues/observations")).count();
        // The scan's one, then one a round: 199 rounds of 50 after the scan's 50, and a last that finds the oldest within maxWait.
        assertThat(observations).isEqualTo(1 + STUCK / 50);
    }

    @Test
    void aGuestTheStreamShowsStuckIsEndedWhileTheBacklogDrains() throws Exception {
        try (WatchRun run = new WatchRun(sandbox, EnginePolicy.lean(), POLICY, Watch.Settings.defaults(), "watch drain test")) {
            await().atMost(Duration.ofMinutes(2)).until(() -> run.handled.size() >= 500);

            // Forty minutes in the queue: stuck, younger than the backlog, and known from the stream alone.
            int before = run.handled.size();
            String late = sandbox.control().addGuests(Guest.waiting("late").queue("Billing").ageSeconds(2400).json()).path("id").asText();
            await().atMost(Duration.ofMinutes(1)).until(() -> run.handled.stream().anyMatch(f -> f.conversationId().equals(late)));

            int lateAt = run.handled.stream().map(Finding::conversationId).toList().indexOf(late);
            // Within a few passes (Watch.HANDED_PER_PASS guests each, the stream read between them), not behind the 9,000 still to drain;
            // the margin is for the add's own time on a loaded machine, while the watch goes on.
            assertThat(lateAt - before).as("guests handed over between the late one's arrival and its ending").isLessThan(1_000);
        }
    }
}
