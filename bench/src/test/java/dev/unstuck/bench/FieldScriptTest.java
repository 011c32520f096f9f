package dev.unstuck.bench;

import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The baseline is the field's script, flaws included: the bench must measure them, not hide them. */
class FieldScriptTest {

    @Test
    void theFieldScriptEndsStuckGuestsButAlsoLiveAgentsAndMeets409sOnOrphans() throws Exception {
        BenchScenario scenario = new BenchScenario(200, 100_000);
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.MANUAL)
                .withScenario(scenario.json()))) {
            SandboxProbe probe = new SandboxProbe(sandbox.baseUri());
            probe.control().clearRequests();
            Instant now = probe.control().now();

            int wentAfter = new FieldScript(sandbox.baseUri(), BenchScenario.CLIENT_ID, BenchScenario.SECRET, 1)
                    .run(now.minusSeconds(BenchScenario.MAX_WAIT_SECONDS));

            SandboxProbe.Tally tally = probe.tally();
            assertThat(tally.stuckLeft()).as("every stuck guest ended").isZero();
            assertThat(tally.liveEnded()).as("live agents cut off by the script").isEqualTo(scenario.live());
            // The script's interval ends maxWait ago, but analytics answers every conversation that started on a day the
            // interval touches (docs/genesys-api.md): today's young guests come back too, and the script ends them.
            assertThat(tally.healthyEnded()).as("young guests the day-wide interval hands the script").isEqualTo((scenario.size() - scenario.stuck() - scenario.live()));
            assertThat(tally.status409()).as("orphans' customer legs are already gone").isPositive();
            assertThat(wentAfter).isEqualTo(scenario.stuck() + scenario.live() + (scenario.size() - scenario.stuck() - scenario.live()));
        }
    }
}
