package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.core.sandbox.Scenarios;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A watch meets an analytics ghost: one look, told apart from endings, and no look at all once remembered. */
class WatchGhostsOnSandboxTest {

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.of(Scenarios.operatorOrg(21).queues("Support")
            .guests(Guest.ghost("ghost").queue("Support").ageSeconds(3600), Guest.waiting("stuck").queue("Support").ageSeconds(3600)));

    private long callsOnGhost() {
        String ghost = sandbox.conversationId("ghost");
        return sandbox.requests().stream().filter(r -> r.path().contains(ghost)).count();
    }

    @Test
    void aWatchLooksAtAGhostOnceTellsItApartFromEndingsAndARestartedWatchSpendsNothingOnIt() throws Exception {
        GhostMemory memory = GhostMemory.inProcess();
        String ghost = sandbox.conversationId("ghost");

        try (WatchRun first = new WatchRun(sandbox, EnginePolicy.lean(), Policy.defaults(), Watch.Settings.defaults(), "ghost test", memory)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> first.ghosts.size() == 1 && first.handled.size() == 1);
            assertThat(first.ghosts).extracting(AnalyticsGhost::conversationId).containsExactly(ghost);
            assertThat(first.handled).extracting(Finding::conversationId).containsExactly(sandbox.conversationId("stuck"));
        }
        assertThat(callsOnGhost()).isEqualTo(1);
        assertThat(memory.seenSince(sandbox.now().minus(GhostMemory.REMEMBERED_FOR))).as("the ending is no ghost").containsExactly(ghost);
        sandbox.advance(60); // past analytics' lag: the guest the first watch ended is no longer listed open
        sandbox.clearRequests();

        try (WatchRun second = new WatchRun(sandbox, EnginePolicy.lean(), Policy.defaults(), Watch.Settings.defaults(), "ghost test", memory)) {
            sandbox.advance(30); // a heartbeat: the watch judges its picture again
            await().atMost(Duration.ofSeconds(20)).until(() -> second.scans.get() >= 1);
            assertThat(second.ghosts).isEmpty();
            assertThat(second.handled).isEmpty();
        }
        assertThat(callsOnGhost()).isZero();
    }
}
