package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.engine.AuditEvent;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.core.sandbox.Scenarios;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Analytics ghosts (issue 21's must-show): 1,000 conversations analytics shows open, waiting for an hour,
 * that the conversation API shows ended, among 10,000 open. Each costs the first sweep one look and is
 * remembered; the second sweep spends nothing on them. The 100 really stuck guests are still ended.
 */
class GhostsOnSandboxTest {

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.of(scenario()).loadedOnce();

    @Test
    void theFirstSweepLooksAtEachGhostOnceAndTheSecondSpendsNothingOnThem() {
        GenesysClient client = sandbox.operator();
        GhostMemory memory = GhostMemory.inProcess();
        Set<String> ghostIds = ids("ghost-");
        assertThat(ghostIds).hasSize(1000);
        sandbox.clearRequests();

        SweepReport first = sweep(client, memory);

        Map<String, Integer> firstCalls = callsOn(ghostIds);
        assertThat(firstCalls.values()).as("calls per ghost in the first sweep").allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1));
        assertThat(first.ghosts()).hasSize(1000);
        assertThat(first.ghosts().stream().map(AnalyticsGhost::conversationId).collect(Collectors.toSet())).isEqualTo(ghostIds);
        assertThat(first.ghostsRemembered()).isZero();
        assertThat(first.analyticsGhosts()).isEqualTo(1000);
        assertThat(first.ended()).as("ghosts are no endings").isEqualTo(100);
        assertThat(first.handled()).hasSize(100).allSatisfy(h -> assertThat(h.finding().guest().conversationId()).isNotIn(ghostIds));

        sandbox.advance(60);
        sandbox.clearRequests();
        SweepReport second = sweep(client, memory);

        assertThat(callsOn(ghostIds)).as("calls on ghosts in the second sweep").isEmpty();
        assertThat(second.ghosts()).isEmpty();
        assertThat(second.ghostsRemembered()).isEqualTo(1000);
        assertThat(second.analyticsGhosts()).isEqualTo(1000);
        assertThat(second.handled()).isEmpty();
    }

    @Test
    void aGhostIsLookedAtAgainOnceItsDayIsOver() {
        GhostMemory memory = GhostMemory.inProcess();
        memory.remember(new AnalyticsGhost("c-old", "Support", sandbox.now().minus(GhostMemory.REMEMBERED_FOR).minusSeconds(1), false));
        memory.remember(new AnalyticsGhost("c-new", "Support", sandbox.now().minusSeconds(60), false));

        assertThat(memory.seenSince(sandbox.now().minus(GhostMemory.REMEMBERED_FOR))).containsExactly("c-new");
    }

    private static SweepReport sweep(GenesysClient client, GhostMemory memory) {
        List<AuditEvent> audit = new ArrayList<>();
        Engine engine = new Engine(client, e -> {
            synchronized (audit) {
                audit.add(e);
            }
        }, EnginePolicy.lean());
        Clock clock = Clock.fixed(sandbox.now(), ZoneOffset.UTC);
        return new Sweep(client, engine, clock).remembering(memory)
                .run(Policy.defaults().withLimit(5000), new SweepRequest(false, List.of(), "ghost test", "core-test"), SweepListener.SILENT);
    }

    /** Requests the sandbox logged whose path names a ghost, per ghost. */
    private static Map<String, Integer> callsOn(Set<String> ghostIds) {
        Map<String, Integer> calls = new HashMap<>();
        for (SandboxClient.LoggedRequest r : sandbox.requests()) {
            for (String part : r.path().split("/")) {
                if (ghostIds.contains(part)) {
                    calls.merge(part, 1, Integer::sum);
                }
            }
        }
        return calls;
    }

    private static Set<String> ids(String labelPrefix) {
        return sandbox.control().conversations().stream().filter(g -> g.label().startsWith(labelPrefix)).map(SandboxClient.Guest::id)
                .collect(Collectors.toSet());
    }

    private static ScenarioBuilder scenario() {
        return Scenarios.operatorOrg(21, "analytics:queueObservation:view").org("Ghost Org", "").setting("rateLimitPerMinute", 1_000_000)
                .queues("Support", "Billing", "Sales")
                .guests(Guest.ghost("ghost-s").queue("Support").ageSeconds(3600).count(400),
                        Guest.ghost("ghost-b").queue("Billing").ageSeconds(4000).count(300),
                        Guest.ghost("ghost-x").queue("Sales").ageSeconds(5000).count(300),
                        Guest.waiting("stuck").queue("Support").ageSeconds(2400).count(100),
                        Guest.waiting("young-s").queue("Support").ageSeconds(600).count(2900),
                        Guest.waiting("young-b").queue("Billing").ageSeconds(700).count(3000),
                        Guest.waiting("young-x").queue("Sales").ageSeconds(800).count(3000));
    }
}
