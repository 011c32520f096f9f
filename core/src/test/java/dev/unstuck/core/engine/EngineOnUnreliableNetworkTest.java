package dev.unstuck.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.sandbox.SandboxFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine when Genesys answers late, not at all, or not as Genesys: a PATCH without an answer is
 * recorded as unknown and looked at again; a 404 is "not found" only when Genesys says so.
 */
class EngineOnUnreliableNetworkTest {

    private static final EndRequest END = new EndRequest(false, false, "stuck in queue", "core-test");

    private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();

    private GenesysClient impatient() {
        return sandbox.client("core-operator", "operator-secret", ClientSettings.defaults().withRequestsPerMinute(60_000)
                .withRequestTimeout(Duration.ofSeconds(2)).withMaxAttempts(1));
    }

    private String leg(String conversationId, String purpose) {
        for (JsonNode p : sandbox.conversation(conversationId).path("participants")) {
            if (p.path("purpose").asText().equals(purpose)) {
                return p.path("id").asText();
            }
        }
        throw new IllegalStateException("no " + purpose + " leg");
    }

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.engineScenario();

    @Test
    void aPatchAppliedButAnsweredTooLateIsRecordedAsUnknownThenLookedAtAgainAndTheEndingFinished() {
        String id = sandbox.conversationId("waiting-1");
        sandbox.faults("{\"kind\": \"appliedLate\", \"count\": 1, \"pathPattern\": \"/participants/" + leg(id, "acd") + "$\"}");
        Engine engine = new Engine(impatient(), audit::add, EnginePolicy.lean());

        Outcome outcome = engine.end(id, END);
        sandbox.control().clearFaults();

        assertThat(outcome).isInstanceOf(Outcome.Ended.class);
        assertThat(sandbox.conversation(id).path("ended").asBoolean()).isTrue();
        assertThat(audit).filteredOn(e -> e.kind().equals(AuditEvent.Kind.STEP)).extracting(AuditEvent::result)
                .containsExactly(AuditEvent.Result.UNKNOWN, AuditEvent.Result.ACCEPTED);
        assertThat(audit).filteredOn(e -> e.result().equals(AuditEvent.Result.UNKNOWN)).singleElement()
                .satisfies(e -> assertThat(e.summary()).contains("may have applied it"));
    }

    @Test
    void aPatchThatNeverGetsAnAnswerFailsAsUnreachableAfterTheLooksAgainNotAsForgotten() {
        String id = sandbox.conversationId("waiting-1");
        sandbox.faults("{\"kind\": \"noAnswer\", \"errorRate\": 1, \"pathPattern\": \"/participants/\"}");
        EnginePolicy leanOneReplan = new EnginePolicy(false, 1, false, false, false); // each round costs a request timeout
        Engine engine = new Engine(impatient(), audit::add, leanOneReplan);

        Outcome outcome = engine.end(id, END);
        sandbox.control().clearFaults();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.cause()).isInstanceOf(Cause.Unreachable.class));
        assertThat(audit).filteredOn(e -> e.kind().equals(AuditEvent.Kind.STEP)).extracting(AuditEvent::result)
                .isNotEmpty().allMatch(AuditEvent.Result.UNKNOWN::equals);
        await().atMost(Duration.ofSeconds(5)).until(() -> !sandbox.conversation(id).path("ended").asBoolean());
    }

    @Test
    void aConversationGenesysDoesNotKnowIsNotFoundAndNothingIsDone() {
        Engine engine = new Engine(sandbox.operator(), audit::add, EnginePolicy.defaults());

        Outcome outcome = engine.end("00000000-0000-4000-8000-000000000000", END);

        assertThat(outcome).isInstanceOf(Outcome.NotFound.class);
        assertThat(audit).filteredOn(e -> e.kind().equals(AuditEvent.Kind.OUTCOME)).extracting(AuditEvent::result)
                .containsExactly(AuditEvent.Result.NOT_FOUND);
    }

    @Test
    void aLoginServiceAnswering404FailsAsUnreachableNeverAsAlreadyEnded() {
        sandbox.faults("{\"status\": 404, \"errorRate\": 1, \"pathPattern\": \"^/oauth/token$\"}");
        Engine engine = new Engine(sandbox.operator(), audit::add, EnginePolicy.defaults());

        Outcome outcome = engine.end(sandbox.conversationId("waiting-1"), END);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.cause()).isInstanceOf(Cause.Unreachable.class));
        assertThat(audit).extracting(AuditEvent::result).doesNotContain(AuditEvent.Result.ALREADY_ENDED, AuditEvent.Result.ENDED);
    }
}
