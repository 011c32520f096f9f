package dev.unstuck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.app.Scenarios;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sweeps over one org at once (two operators, or a cron job meeting a manual run): a guest the
 * other sweep ended first is not a failure and not "left alone", and every stuck guest ends once.
 */
class ConcurrentSweepsTest {
    static final ScenarioBuilder SCENARIO = Scenarios.operatorOrg(5, "operator", "operator-secret-1").queues("Support").agents("Ana Agent")
            .guests(Guest.waiting("stuck").queue("Support").ageSeconds(5400).count(16),
                    Guest.liveAgent("live").queue("Support").agent("Ana Agent").ageSeconds(4000));
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SandboxOrg org = new SandboxOrg(SCENARIO);

    @TempDir
    Path first;

    @TempDir
    Path second;

    @RepeatedTest(2)
    void twoSweepsAtOnceBothSucceedAndEachGuestIsEndedByExactlyOne() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<CliRun.Result>> runs = new ArrayList<>();
        for (Path home : List.of(first, second)) {
            CliRun cli = org.as(home, "operator", "operator-secret-1");
            runs.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return cli.run("sweep", "--json");
            }));
        }
        start.countDown();
        List<JsonNode> reports = new ArrayList<>();
        for (CompletableFuture<CliRun.Result> run : runs) {
            CliRun.Result result = run.get();
            assertThat(result.exitCode()).as(result.all()).isZero();
            reports.add(JSON.readTree(result.out()));
        }
        Map<String, Integer> endedBy = new HashMap<>();
        for (JsonNode report : reports) {
            // A sweep whose scan comes after the other's first endings no longer lists those guests (analytics
            // shows them ended): at most the 16, and together every one of them (below).
            assertThat(report.path("conversations").size()).isLessThanOrEqualTo(16);
            for (JsonNode c : report.path("conversations")) {
                assertThat(c.path("outcome").asText()).as(c.toString())
                        .isIn("ended", "already ended", "being ended by someone else");
                if (c.path("outcome").asText().equals("ended")) {
                    endedBy.merge(c.path("id").asText(), 1, Integer::sum);
                }
            }
        }
        assertThat(org.endedCount()).isEqualTo(16);
        assertThat(org.ended("live")).isFalse();
        assertThat(endedBy).as("every guest ended by exactly one of the two sweeps").hasSize(16).allSatisfy((id, n) -> assertThat(n).isOne());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
