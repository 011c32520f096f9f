package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.core.sandbox.Scenarios;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder.Client;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An org past the synchronous query's limit (set low: 150 matches, above the 100 ids of a query by id) whose details jobs read a data lake a
 * day behind, as a real org's may: analytics lists none of today's guests, so the sweep drains each
 * queue by its observation (the oldest 50 waiting, then a query by id) until the oldest still waiting is
 * within maxWait. Two queues, each with 120 guests waiting 90 minutes (three rounds of 50) and 60
 * waiting a minute; ten with a live agent. The worst-case analytics settings are set here explicitly.
 */
class DrainOnSandboxTest {

    private static final String QUERY = "/api/v2/analytics/conversations/details/query";
    private static final String OBSERVATIONS = "/api/v2/analytics/queues/observations/query";
    private static final String JOBS = "/api/v2/analytics/conversations/details/jobs";

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.of(Scenarios.operatorOrg(21, "analytics:queueObservation:view")
            .setting("analyticsMaxMatches", 150).setting("analyticsJobAvailabilityLagSeconds", 86400)
            .setting("analyticsJobDelaySeconds", 60).setting("analyticsLagSeconds", 10)
            .queues("Support", "Billing").agents("Ana Agent")
            .guests(Guest.waiting("stuck-support").queue("Support").ageSeconds(5400).count(120),
                    Guest.waiting("stuck-billing").queue("Billing").ageSeconds(5400).count(120),
                    Guest.waiting("young-support").queue("Support").ageSeconds(60).count(60),
                    Guest.waiting("young-billing").queue("Billing").ageSeconds(60).count(60),
                    Guest.liveAgent("live").queue("Support").ageSeconds(5400).count(10))
            // The operator's permissions but queue observations.
            .role("blind", Scenarios.OPERATOR).client(Client.of("core-blind", "blind-secret").roles("blind")));

    @Test
    void endsExactlyTheStuckGuestsOfAnOrgPastTheLimitThroughDraining() {
        SweepReport report = sweep(sandbox.operator(), false);

        List<SandboxClient.Guest> ended = sandbox.control().conversations().stream().filter(SandboxClient.Guest::ended).toList();
        assertThat(ended).hasSize(240).allSatisfy(g -> assertThat(g.label()).startsWith("stuck-"));
        assertThat(report.ended()).isEqualTo(240);
        assertThat(report.confirmed()).isEqualTo(240);
        assertThat(report.handled().stream().collect(Collectors.groupingBy(h -> h.finding().why(), Collectors.counting())))
                .isEqualTo(Map.of("stuck", 240L));
        for (String queue : List.of("Support", "Billing")) {
            assertThat(sandbox.queueStats(queue).lingering()).as("lingering in " + queue).isZero();
        }
        // The unlisted part says what draining could not judge (loops and orphans of today).
        assertThat(report.unlisted()).hasSize(2).allSatisfy(u -> assertThat(u).contains("drained past maxWait in rounds"));
        // Frugal: one observation per queue per round. The scan lists each queue's oldest 50 (an observation and
        // a query by id each), which the sweep ends; then draining's rounds end 50 and 20 per queue, and a last
        // one finds the oldest within maxWait: 2 + 3 × 2 observations. One query by id per round's hundred.
        assertThat(requests("POST", OBSERVATIONS, 200)).isEqualTo(8);
        assertThat(requests("POST", QUERY, 200)).isLessThanOrEqualTo(1 /* guests in flows */ + 2 /* older parts */ + 2 /* the scan's by id */
                + 2 /* draining's by id */ + 3 /* verification */);
        assertThat(requests("POST", JOBS, 202)).isZero();
        // Analytics in all (the refused queries with their retries included) stays a small share of the
        // engine's three calls per guest; the bench measures the whole at 100,000 on the real clock.
        long analytics = sandbox.requests().stream().filter(r -> r.path().startsWith("/api/v2/analytics")).count();
        assertThat(analytics / 240.0).as("analytics calls per ended guest (%d calls)", analytics).isLessThanOrEqualTo(0.25);
    }

    @Test
    void aDryRunPlansTheOldestFiftyOfEachQueueAndSaysTheRestAreHidden() {
        SweepReport report = sweep(sandbox.operator(), true);

        assertThat(sandbox.control().conversations()).noneMatch(SandboxClient.Guest::ended);
        assertThat(report.handled()).hasSize(100).allSatisfy(h -> assertThat(h.finding().why()).isEqualTo("stuck"));
        assertThat(report.unlisted()).anySatisfy(u -> assertThat(u).contains("judged already"));
    }

    @Test
    void aWatchPastTheLimitDrainsEachQueueInRoundsWithinItsFirstScan() throws Exception {
        try (WatchRun run = new WatchRun(sandbox, EnginePolicy.lean(), Policy.defaults(), Watch.Settings.defaults(), "drain watch test")) {
            // Its reconciling scan lists each queue's oldest 50 (the observation's detail list, read by id); rounds drain the rest.
            await().atMost(Duration.ofSeconds(90)).until(() -> run.handled.size() >= 240);

            assertThat(run.scans.get()).isEqualTo(1);
            assertThat(run.handled).allSatisfy(f -> assertThat(f.why()).isEqualTo("stuck"));
            assertThat(run.troubles).anySatisfy(t -> assertThat(t).contains("its oldest waiting are listed by queue observation"));
        }
        assertThat(sandbox.control().conversations().stream().filter(SandboxClient.Guest::ended))
                .hasSize(240).allSatisfy(g -> assertThat(g.label()).startsWith("stuck-"));
        // The scan's observation per queue, then rounds as the sweep's: 50 and 20 per queue, and a last that finds
        // the oldest within maxWait.
        assertThat(requests("POST", OBSERVATIONS, 200)).isEqualTo(8);
    }

    @Test
    void aWatchAtItsHourlyLimitAsksNoFurtherRoundWhileItWaits() throws Exception {
        try (WatchRun run = new WatchRun(sandbox, EnginePolicy.lean(), Policy.defaults().withLimit(120), Watch.Settings.defaults(),
                "drain watch test")) {
            // The scan's 100 (each queue's oldest 50), then the first round's 100, of which 20 fit under the limit.
            await().atMost(Duration.ofSeconds(60)).until(() -> run.limitReached.get() >= 1);
            int told = run.limitReached.get();
            long observations = requests("POST", OBSERVATIONS, 200);

            sandbox.advance(30); // a heartbeat: one more pass, at the limit
            await().atMost(Duration.ofSeconds(20)).until(() -> run.limitReached.get() > told);

            assertThat(run.handled).hasSize(120);
            assertThat(observations).isEqualTo(4);
            assertThat(requests("POST", OBSERVATIONS, 200)).as("observations after the limit was reached").isEqualTo(observations);
        }
        assertThat(sandbox.control().conversations().stream().filter(SandboxClient.Guest::ended)).hasSize(120);
    }

    @Test
    void aWatchInShadowModePlansEachQueuesOldestFiftyAndSaysTheRestAreHidden() throws Exception {
        try (WatchRun run = new WatchRun(sandbox, sandbox.operator(), EnginePolicy.lean(), Policy.defaults(), Watch.Settings.defaults(),
                new EndRequest(false, true, "drain watch test", "core-test"), GhostMemory.none())) {
            // The oldest 50 planned hide the rest: a round lists them again, judged already, and the draining ends.
            await().atMost(Duration.ofSeconds(60)).until(() -> run.troubles.stream().anyMatch(t -> t.contains("judged already")));

            assertThat(run.handled).hasSize(100).allSatisfy(f -> assertThat(f.why()).isEqualTo("stuck"));
            assertThat(requests("POST", OBSERVATIONS, 200)).as("the scan's two and the one round's").isEqualTo(4);
        }
        assertThat(sandbox.control().conversations()).noneMatch(SandboxClient.Guest::ended);
    }

    @Test
    void aSweepWithoutQueueObservationsSaysOncePerQueueThatItCannotDrainAndWhichPermissionIsMissing() {
        SweepReport report = sweep(blind(), false);

        assertThat(report.handled()).isEmpty();
        assertThat(sandbox.control().conversations()).noneMatch(SandboxClient.Guest::ended);
        assertThat(report.unlisted()).hasSize(2).allSatisfy(u -> assertThat(u)
                .contains("not drained: the client lacks analytics:queueObservation:view"));
    }

    @Test
    void aWatchWithoutQueueObservationsSaysWhatItCannotDrainAndGoesOnWithTheStream() throws Exception {
        try (WatchRun run = new WatchRun(sandbox, blind(), EnginePolicy.lean(), Policy.defaults(), Watch.Settings.defaults(),
                new EndRequest(false, false, "drain watch test", "core-test"), GhostMemory.none())) {
            assertThat(run.troubles).anySatisfy(t -> assertThat(t)
                    .contains("not drained: the client lacks analytics:queueObservation:view"));

            // A guest the stream shows stuck is still ended.
            String late = sandbox.control().addGuests(Guest.waiting("late").queue("Support").ageSeconds(7200).json()).path("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> run.handled.stream().anyMatch(f -> f.conversationId().equals(late)));

            assertThat(run.handled).hasSize(1);
            assertThat(run.connects.get()).isEqualTo(1);
        }
    }

    private static GenesysClient blind() {
        return sandbox.client("core-blind", "blind-secret");
    }

    private static SweepReport sweep(GenesysClient client, boolean dryRun) {
        Engine engine = new Engine(client, event -> { }, EnginePolicy.lean());
        return new Sweep(client, engine, SweepOnSandboxTest.sandboxClockOf(sandbox))
                .run(Policy.defaults(), new SweepRequest(dryRun, List.of(), "drain test", "core-test"), SweepListener.SILENT);
    }

    private static long requests(String method, String path, int status) {
        List<SandboxClient.LoggedRequest> log = new ArrayList<>(sandbox.requests());
        return log.stream().filter(r -> r.method().equals(method) && r.path().startsWith(path) && r.status() == status).count();
    }
}
