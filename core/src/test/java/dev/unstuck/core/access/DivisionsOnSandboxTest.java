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
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client whose role is granted in one division of three: what it sees, what it ends, and what doctor's check says. */
class DivisionsOnSandboxTest {

    static final String SCENARIO = """
            {"seed": 5,
             "settings": {"divisionAccess": "any"},
             "divisions": [{"id": "d-home", "name": "Home"}, {"id": "d-emea", "name": "EMEA"}, {"id": "d-apac", "name": "APAC"}],
             "roles": [{"id": "r-op", "name": "operator", "permissions": ["conversation:communication:disconnect",
                 "conversation:communication:view", "analytics:conversationDetail:view", "routing:queue:view",
                 "routing:queue:search", "authorization:role:view", "oauth:client:view"]},
               {"id": "r-op-nosearch", "name": "operator without search", "permissions": ["conversation:communication:disconnect",
                 "analytics:conversationDetail:view", "routing:queue:view", "authorization:role:view"]}],
             "oauthClients": [
               {"id": "emea", "secret": "emea-secret", "name": "EMEA operator", "roleDivisions": [{"role": "operator", "division": "EMEA"}]},
               {"id": "emea-blind", "secret": "blind-secret", "roleDivisions": [{"role": "operator without search", "division": "EMEA"}]},
               {"id": "all", "secret": "all-secret", "roleDivisions": [{"role": "operator", "division": "*"}]}],
             "queues": [{"name": "Support"}, {"name": "Support EMEA", "division": "EMEA"}, {"name": "Support APAC", "division": "APAC"}],
             "guests": [
               {"label": "home", "kind": "waiting", "queue": "Support", "ageSeconds": 10800, "count": 3},
               {"label": "emea", "kind": "waiting", "queue": "Support EMEA", "ageSeconds": 10800, "count": 3},
               {"label": "apac", "kind": "waiting", "queue": "Support APAC", "ageSeconds": 10800, "count": 3}]}
            """;

    private final SandboxFixture sandbox = SandboxFixture.start(SCENARIO);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Clock sandboxClock() {
        return Clock.fixed(sandbox.control().now(), ZoneOffset.UTC);
    }

    private boolean ended(String label) {
        return sandbox.conversation(sandbox.conversationId(label)).path("ended").asBoolean();
    }

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
    void aRoleGrantedInAllDivisionsActsInEach() {
        AccessReport report = AccessCheck.run(sandbox.client("all", "all-secret"));

        assertThat(report.actsIn()).extracting(DivisionReach::name).containsExactly("Home", "EMEA", "APAC");
        assertThat(((QueueVisibility.Known) report.queues()).hidden()).isEmpty();
    }
}
