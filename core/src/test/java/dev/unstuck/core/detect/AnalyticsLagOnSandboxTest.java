package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.core.sandbox.Scenarios;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real analytics trails the conversations by seconds (issue 14): what a sweep lists and what its bulk
 * verification reads may be older than what the engine just did. The sweep must stay right at any lag:
 * exactly the stuck ended, each counted once, every ending confirmed (by a read where analytics does not
 * show it yet), and nothing reported "not ended" that did end. The sandbox's clock stands still here, so
 * analytics never catches up during the sweep: the worst case, one read more per ending. (bench/run
 * --lag measures it on the real clock.)
 */
class AnalyticsLagOnSandboxTest {
    private static final int STUCK = 60;

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.of(scenario(0));

    @ParameterizedTest(name = "analytics {0} s behind")
    @ValueSource(ints = {0, 5, 30})
    void aSweepEndsExactlyTheStuckAndConfirmsEachWhateverTheLag(int lagSeconds) {
        sandbox.control().loadScenario(scenario(lagSeconds).json());
        GenesysClient client = sandbox.operator();
        AtomicInteger calls = new AtomicInteger();
        client.onCall(call -> calls.incrementAndGet());
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        Engine engine = new Engine(client, event -> { }, EnginePolicy.lean());

        SweepReport report = new Sweep(client, engine, Clock.fixed(sandbox.control().now(), ZoneOffset.UTC))
                .run(Policy.defaults(), new SweepRequest(false, List.of(), "lag test", "core-test"), SweepListener.SILENT);
        report.handled().forEach(h -> outcomes.add(h.outcome()));

        List<SandboxClient.Guest> guests = sandbox.control().conversations();
        assertThat(guests).filteredOn(SandboxClient.Guest::ended).allSatisfy(g -> assertThat(g.label()).startsWith("stuck-"));
        assertThat(guests).filteredOn(g -> g.label().startsWith("stuck-")).allSatisfy(g -> assertThat(g.ended()).isTrue());
        assertThat(outcomes).hasSize(STUCK).allSatisfy(o -> assertThat(o).isInstanceOf(Outcome.Ended.class));
        assertThat(report.confirmed()).isEqualTo(STUCK);
        assertThat(report.notEnded()).isEmpty();
        double perEnding = calls.get() / (double) STUCK;
        // At 0 s: the look and two PATCHes per guest plus the scan and one verification query. Behind: one read
        // more per ending at most, because analytics does not show the ends yet.
        assertThat(perEnding).as("calls per ending at %d s of lag", lagSeconds).isLessThanOrEqualTo(lagSeconds == 0 ? 3.1 : 4.1);
    }

    private static ScenarioBuilder scenario(int lagSeconds) {
        ScenarioBuilder org = Scenarios.operatorOrg(21).setting("analyticsLagSeconds", lagSeconds).queues("Support").agents("Ana Agent");
        for (int i = 0; i < STUCK; i++) {
            org.guests(Guest.waiting("stuck-" + i).queue("Support").ageSeconds(7200));
        }
        for (int i = 0; i < 10; i++) {
            org.guests(Guest.liveAgent("live-" + i).queue("Support").agent("Ana Agent").ageSeconds(7200),
                    Guest.waiting("young-" + i).queue("Support").ageSeconds(60));
        }
        return org;
    }
}
