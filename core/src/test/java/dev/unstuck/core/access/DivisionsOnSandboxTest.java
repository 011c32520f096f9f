package dev.unstuck.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.Sweep;
import dev.unstuck.core.detect.SweepListener;
import dev.unstuck.core.detect.SweepReport;
import dev.unstuck.core.detect.SweepRequest;
import dev.unstuck.core.engine.Cause;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.QueueInfo;
import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Client;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import dev.unstuck.sandbox.client.ScenarioBuilder.Queue;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client whose role is granted in one division of three: what it sees, what it ends, and what doctor's check says. */
class DivisionsOnSandboxTest {

    private Clock sandboxClock() {
        return Clock.fixed(sandbox.control().now(), ZoneOffset.UTC);
    }

    private boolean ended(String label) {
        return sandbox.conversation(sandbox.conversationId(label)).path("ended").asBoolean();
    }

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.of(ScenarioBuilder.seed(5).setting("divisionAccess", "any")
            .divisions("Home", "EMEA", "APAC")
            .role("operator", "conversation:communication:disconnect", "conversation:communication:view",
                    "analytics:conversationDetail:view", "analytics:queueObservation:view", "routing:queue:view",
                    "routing:queue:search", "authorization:role:view", "oauth:client:view")
            .role("operator without search", "conversation:communication:disconnect", "analytics:conversationDetail:view",
                    "routing:queue:view", "authorization:role:view")
            .client(Client.of("emea", "emea-secret").name("EMEA operator").role("operator", "EMEA"))
            .client(Client.of("emea-blind", "blind-secret").role("operator without search", "EMEA"))
            .client(Client.of("all", "all-secret").role("operator", "*"))
            .queues("Support").queue(Queue.named("Support EMEA").division("EMEA")).queue(Queue.named("Support APAC").division("APAC"))
            .guests(Guest.waiting("home").queue("Support").ageSeconds(10800).count(3),
                    Guest.waiting("emea").queue("Support EMEA").ageSeconds(10800).count(3),
                    Guest.waiting("apac").queue("Support APAC").ageSeconds(10800).count(3)));

    @Test
    void aClientWithOneDivisionSeesAndEndsOnlyThatDivisionsGuests() {
        GenesysClient emea = sandbox.client("emea", "emea-secret");
        Engine engine = new Engine(emea, event -> { }, EnginePolicy.lean());

        SweepReport report = new Sweep(emea, engine, sandboxClock())
                .run(Policy.defaults(), new SweepRequest(false, List.of(), "division test", "core-test"), SweepListener.SILENT);

        assertThat(report.ended()).isEqualTo(3);
        for (int i = 1; i <= 3; i++) {
            assertThat(ended("emea#" + i)).as("emea#" + i).isTrue();
            assertThat(ended("home#" + i)).as("home#" + i).isFalse();
            assertThat(ended("apac#" + i)).as("apac#" + i).isFalse();
        }
    }

    @Test
    void endingAGuestOfAnotherDivisionFailsWithTheDivisionFix() {
        GenesysClient emea = sandbox.client("emea", "emea-secret");
        Engine engine = new Engine(emea, event -> { }, EnginePolicy.defaults());

        Outcome outcome = engine.end(sandbox.conversationId("apac#1"), new EndRequest(false, false, "division test", "core-test"));

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        Cause cause = ((Outcome.Failed) outcome).cause();
        assertThat(cause).isInstanceOf(Cause.PermissionMissing.class);
        assertThat(((Cause.PermissionMissing) cause).fix()).startsWith("grant role operator of OAuth client EMEA operator (emea)"
                + " in the division of this conversation's queue");
        assertThat(ended("apac#1")).isFalse();
    }

    @Test
    void theAccessCheckNamesTheDivisionsItCanActInAndTheQueuesItCannotSee() {
        AccessReport report = AccessCheck.run(sandbox.client("emea", "emea-secret"));

        assertThat(report.actsIn()).extracting(DivisionReach::name).containsExactly("EMEA");
        assertThat(report.cannotActIn()).extracting(DivisionReach::name).containsExactly("Home", "APAC");
        assertThat(report.cannotActIn()).allSatisfy(d -> assertThat(d.unreached()).isTrue());
        assertThat(report.allOk()).isTrue();
        QueueVisibility.Known queues = (QueueVisibility.Known) report.queues();
        assertThat(queues.visible()).isEqualTo(1);
        assertThat(queues.hidden()).extracting(QueueInfo::name).containsExactly("Support", "Support APAC");
    }

    @Test
    void withoutQueueSearchTheHiddenQueuesCannotBeCounted() {
        AccessReport report = AccessCheck.run(sandbox.client("emea-blind", "blind-secret"));

        assertThat(report.queues()).isInstanceOf(QueueVisibility.Unknown.class);
        assertThat(((QueueVisibility.Unknown) report.queues()).why()).contains("routing:queue:search");
    }

    @Test
    void withoutQueueObservationsTheDrainIsMissingWithItsFix() {
        AccessReport report = AccessCheck.run(sandbox.client("emea-blind", "blind-secret"));

        CapabilityStatus drain = report.status(Capability.DRAIN);
        assertThat(drain.ok()).isFalse();
        assertThat(drain.missing()).containsExactly("analytics:queueObservation:view");
        assertThat(drain.fix()).contains("add permission analytics:queueObservation:view to role operator without search");
        assertThat(report.status(Capability.DETECT).ok()).isTrue();
        assertThat(report.allOk()).isFalse();
    }

    @Test
    void aRoleGrantedInAllDivisionsActsInEach() {
        AccessReport report = AccessCheck.run(sandbox.client("all", "all-secret"));

        assertThat(report.actsIn()).extracting(DivisionReach::name).containsExactly("Home", "EMEA", "APAC");
        assertThat(((QueueVisibility.Known) report.queues()).hidden()).isEmpty();
    }
}
