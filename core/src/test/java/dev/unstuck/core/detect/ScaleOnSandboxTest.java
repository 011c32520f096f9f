package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.core.sandbox.Scenarios;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * More open guests than the synchronous details query holds (8,000): 10,000 waiting in ten queues, all
 * arrived in the same minute, so no interval can split them. One sandbox for the class; tests that
 * change settings put them back.
 */
@Order(1) // core's longest class starts first, so the others run beside it, not after it
class ScaleOnSandboxTest {

    private static final int QUEUES = 10;
    private static final int PER_QUEUE = 1000;
    private static final String QUERY = "/api/v2/analytics/conversations/details/query";
    private static final String JOBS = "/api/v2/analytics/conversations/details/jobs";

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.of(scenario()).loadedOnce();

    private static ScenarioBuilder scenario() {
        ScenarioBuilder org = Scenarios.operatorOrg(14).setting("analyticsTooManyMatchesBody", "descriptive");
        for (int q = 1; q <= QUEUES; q++) {
            org.queues("Queue " + q).guests(Guest.waiting("q" + q).queue("Queue " + q).ageSeconds(5400).count(PER_QUEUE));
        }
        return org;
    }

    @AfterEach
    void putBack() {
        sandbox.control().clearFaults();
        sandbox.settings("{\"analyticsMaxMatches\": 8000, \"analyticsJobDelaySeconds\": 60, \"analyticsJobAvailabilityLagSeconds\": 86400}");
    }

    @Test
    void aDryRunSweepFindsAllTenThousandGuestsThatArrivedInTheSameMinute() {
        sandbox.clearRequests();

        SweepReport report = dryRun(sandbox.operator(), List.of());

        assertThat(report.scanned()).isEqualTo(QUEUES * PER_QUEUE);
        assertThat(report.handled().size() + report.overLimit().size()).isEqualTo(QUEUES * PER_QUEUE);
        assertThat(report.unlisted()).isEmpty();
        // The whole is refused (a 502 taken as "too many" only once it outlasts the retries, whatever its
        // body), then each queue answers on its own: no job needed.
        assertThat(requests("POST", QUERY, 502)).isEqualTo(ClientSettings.defaults().maxAttempts());
        assertThat(requests("POST", JOBS, 202)).isZero();
    }

    @Test
    void aQueueStillOverTheLimitIsReadThroughAnAnalyticsJob() {
        // Kind jobs: fulfilled in 10 s with data a minute old (kinder than a real org's lake, a day or two behind):
        // the guests are 90 minutes old, so the job lists them. DrainOnSandboxTest has the lake a day behind.
        sandbox.settings("{\"analyticsMaxMatches\": 600, \"analyticsJobDelaySeconds\": 10, \"analyticsJobAvailabilityLagSeconds\": 60}");
        sandbox.clearRequests();

        SweepReport report = dryRun(sandbox.operator(), List.of("Queue 1", "Queue 2"));

        assertThat(report.scanned()).isEqualTo(2 * PER_QUEUE);
        assertThat(report.unlisted()).isEmpty();
        assertThat(requests("POST", JOBS, 202)).isEqualTo(2);
        assertThat(requests("DELETE", JOBS, 204)).isEqualTo(2);
    }

    @Test
    void aTransientBadGatewayFromAnalyticsIsRetriedNotTakenForTooManyMatches() {
        sandbox.faults("{\"status\": 502, \"count\": 2, \"pathPattern\": \"details/query\"}");
        sandbox.clearRequests();

        SweepReport report = dryRun(sandbox.operator(), List.of("Queue 3"));

        assertThat(report.scanned()).isEqualTo(PER_QUEUE);
        assertThat(requests("POST", QUERY, 502)).isEqualTo(2);
        // totalHits is an estimate: after a full last page the scan asks one more, which comes back empty.
        assertThat(requests("POST", QUERY, 200)).isEqualTo(PER_QUEUE / 100 + 1);
        assertThat(requests("POST", JOBS, 202)).isZero();
    }

    @Test
    void aWatchFollowsAllTenThousandAndDoesNotResubscribeWhenAScanFails() {
        // Four hours of patience: the guests are followed, not ended.
        Policy patient = Policy.of(QueuePolicy.defaults().withMaxWait(Duration.ofHours(4)));
        GenesysClient client = sandbox.operator();
        AtomicInteger connects = new AtomicInteger();
        List<String> troubles = new CopyOnWriteArrayList<>();
        Watch watch = new Watch(client, new Engine(client, event -> { }, EnginePolicy.defaults()), sandbox.control().clock(), patient,
                Watch.Settings.defaults(), new EndRequest(false, false, "scale test", "core-test"), new WatchListener() {
                    @Override
                    public void connected(String channelId, int queues) {
                        connects.incrementAndGet();
                    }

                    @Override
                    public void trouble(String what) {
                        troubles.add(what);
                    }
                });
        Thread thread = new Thread(watch::run, "watch-at-scale");
        thread.start();
        try {
            // Generous caps: the bound is for a loaded CI machine, not a speed goal (those live in bench/).
            await().atMost(Duration.ofSeconds(150)).until(() -> watch.tracking() == QUEUES * PER_QUEUE);

            sandbox.faults("{\"status\": 400, \"count\": 100, \"pathPattern\": \"details/query\"}");
            sandbox.advance(Duration.ofMinutes(5).toSeconds());
            await().atMost(Duration.ofSeconds(60)).until(() -> !troubles.isEmpty());

            assertThat(connects.get()).isEqualTo(1);
            assertThat(watch.tracking()).isEqualTo(QUEUES * PER_QUEUE);
            assertThat(troubles.get(0)).contains("scan failed");
        } finally {
            watch.stop();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static SweepReport dryRun(GenesysClient client, List<String> queues) {
        Engine engine = new Engine(client, event -> { }, EnginePolicy.lean());
        return new Sweep(client, engine, SweepOnSandboxTest.sandboxClockOf(sandbox))
                .run(Policy.defaults(), new SweepRequest(true, queues, "scale test", "core-test"), SweepListener.SILENT);
    }

    private static long requests(String method, String pathStart, int status) {
        List<SandboxClient.LoggedRequest> log = new ArrayList<>(sandbox.requests());
        return log.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathStart) && r.status() == status).count();
    }
}
