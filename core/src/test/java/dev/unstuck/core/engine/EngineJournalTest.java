package dev.unstuck.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.engine.Outcome.Ended;
import dev.unstuck.core.engine.Outcome.Skipped;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.core.sandbox.SandboxFixture;
import java.time.Clock;
import java.time.Duration;
import dev.unstuck.sandbox.client.SandboxClient.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit as a write-ahead journal: intents before acts, claims, and finishing what a stopped run began. */
class EngineJournalTest {

    private static final EndRequest END = new EndRequest(false, false, "stuck in queue", "core-test");

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.engineScenario();

    @Test
    void everyActIsRecordedAsAnIntentBeforeItsCallLeaves() {
        String id = sandbox.conversationId("waiting-1");
        List<AuditEvent> audit = new CopyOnWriteArrayList<>();
        List<Integer> patchesAtEachIntent = new ArrayList<>();
        AuditSink journal = event -> {
            if (event.kind().equals(AuditEvent.Kind.INTENT)) {
                patchesAtEachIntent.add(patches(id));
            }
            audit.add(event);
        };

        new Engine(sandbox.operator(), journal, EnginePolicy.defaults()).end(id, END);

        assertThat(patchesAtEachIntent).containsExactly(0, 1);
        List<AuditEvent> intents = audit.stream().filter(e -> e.kind().equals(AuditEvent.Kind.INTENT)).toList();
        List<AuditEvent> completions = audit.stream().filter(e -> e.kind().equals(AuditEvent.Kind.STEP)).toList();
        assertThat(completions).extracting(AuditEvent::actId).containsExactlyElementsOf(intents.stream().map(AuditEvent::actId).toList());
        assertThat(intents).allSatisfy(i -> assertThat(i.actId()).isNotBlank());
        assertThat(completions).allSatisfy(c -> {
            assertThat(c.result()).isEqualTo(AuditEvent.Result.ACCEPTED);
            assertThat(c.status()).hasValue(202);
            assertThat(c.correlationIds()).hasSize(1);
        });
        List<String> accepted = sandbox.requests().stream().filter(r -> r.method().equals("PATCH")).map(LoggedRequest::correlationId).toList();
        assertThat(completions.stream().flatMap(c -> c.correlationIds().stream()).toList()).containsExactlyElementsOf(accepted);
        assertThat(audit).filteredOn(e -> e.kind().equals(AuditEvent.Kind.OUTCOME)).singleElement()
                .satisfies(o -> assertThat(o.result()).isEqualTo(AuditEvent.Result.ENDED))
                .satisfies(o -> assertThat(o.subject().queue()).isEqualTo("Support"));
    }

    @Test
    void anActWhoseAnswerNeverCameIsRecordedAsOfUnknownResultNotAsUnreachable() throws Exception {
        String id = sandbox.conversationId("waiting-1");
        String acd = sandbox.conversation(id).path("participants").findParents("purpose").stream()
                .filter(p -> p.path("purpose").asText().equals("acd")).findFirst().orElseThrow().path("id").asText();
        // Genesys applies the PATCH and answers long after the client's timeout.
        sandbox.faults("{\"kind\": \"appliedLate\", \"holdMs\": 20000, \"count\": 1, \"pathPattern\": \"/participants/" + acd + "$\"}");
        GenesysClient impatient = GenesysClient.create(Region.parse(sandbox.baseUrl()), new Credentials("core-operator", "operator-secret"),
                ClientSettings.defaults().withRequestsPerMinute(60_000).withRequestTimeout(Duration.ofSeconds(1)).withMaxAttempts(1),
                d -> { }, Clock.systemUTC());
        List<AuditEvent> audit = new ArrayList<>();

        new Engine(impatient, audit::add, EnginePolicy.defaults()).end(id, END);
        sandbox.control().clearFaults();

        assertThat(audit).filteredOn(e -> e.kind().equals(AuditEvent.Kind.STEP)).first().satisfies(step -> {
            assertThat(step.result()).isEqualTo(AuditEvent.Result.UNKNOWN);
            assertThat(step.status()).isEmpty();
            assertThat(step.summary()).contains("/participants/" + acd).contains("may have applied it");
        });
    }

    @Test
    void aConversationAnotherLiveRunHoldsIsLeftToThatRunAndNothingIsSent() {
        String id = sandbox.conversationId("waiting-1");
        List<AuditEvent> audit = new ArrayList<>();
        AuditSink journal = new AuditSink() {
            @Override
            public void record(AuditEvent event) {
                audit.add(event);
            }

            @Override
            public Claim claim(String conversationId) {
                return new Claim.Held("run-elsewhere");
            }
        };

        Outcome outcome = new Engine(sandbox.operator(), journal, EnginePolicy.defaults()).end(id, END);

        assertThat(outcome).isInstanceOfSatisfying(Skipped.class, s -> assertThat(s.reason()).isEqualTo(SkipReason.IN_HAND_ELSEWHERE));
        assertThat(patches(id)).isZero();
        assertThat(sandbox.conversation(id).path("ended").asBoolean()).isFalse();
        assertThat(audit).extracting(AuditEvent::kind).containsExactly(AuditEvent.Kind.OUTCOME);
    }

    @Test
    void aStoppedRunsEndingIsFinishedWithItsUnansweredActRecordedAsUnknown() {
        String id = sandbox.conversationId("waiting-1");
        List<AuditEvent> first = new ArrayList<>();
        // The first run is "killed" right after the queue leg's PATCH was sent: its completion and outcome are never written.
        AuditSink dying = event -> {
            if (event.kind().equals(AuditEvent.Kind.STEP)) {
                throw new IllegalStateException("killed");
            }
            first.add(event);
        };
        try {
            new Engine(sandbox.operator(), dying, EnginePolicy.defaults()).end(id, END);
        } catch (IllegalStateException killed) {
            // as a kill would leave it
        }
        AuditEvent intent = first.stream().filter(e -> e.kind().equals(AuditEvent.Kind.INTENT)).findFirst().orElseThrow();
        Unfinished left = new Unfinished(id, "run-1", "stuck in queue", List.of(new Unfinished.OpenAct(intent.actId(), intent.summary())));
        List<AuditEvent> second = new ArrayList<>();
        AuditSink resuming = new AuditSink() {
            private boolean claimed;

            @Override
            public void record(AuditEvent event) {
                second.add(event);
            }

            @Override
            public Claim claim(String conversationId) {
                return claimed ? Claim.GRANTED : new Claim.TakenOver(left);
            }

            @Override
            public List<Unfinished> unfinished() {
                return List.of(left);
            }
        };

        List<Outcome> outcomes = new Engine(sandbox.operator(), resuming, EnginePolicy.defaults()).resume(new EndRequest(false, false, "", "second-run"));

        assertThat(outcomes).singleElement().isInstanceOf(Ended.class);
        assertThat(sandbox.conversation(id).path("ended").asBoolean()).isTrue();
        assertThat(second).extracting(AuditEvent::kind).startsWith(AuditEvent.Kind.STEP, AuditEvent.Kind.RESUME, AuditEvent.Kind.PLAN).endsWith(AuditEvent.Kind.OUTCOME);
        assertThat(second.get(0)).satisfies(unknown -> {
            assertThat(unknown.actId()).isEqualTo(intent.actId());
            assertThat(unknown.result()).isEqualTo(AuditEvent.Result.UNKNOWN);
        });
        assertThat(second).allSatisfy(e -> assertThat(e.subject().reason()).startsWith("resumed after run run-1 stopped: stuck in queue"));
        // The queue leg's PATCH reached the sandbox once; the second run only ended what was left.
        assertThat(sandbox.requests()).filteredOn(r -> r.method().equals("PATCH") && r.status() == 202)
                .extracting(LoggedRequest::path).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void aDryRunResumesNothingAndClaimsNothing() {
        AuditSink journal = new AuditSink() {
            @Override
            public void record(AuditEvent event) {
            }

            @Override
            public Claim claim(String conversationId) {
                throw new AssertionError("a dry run claimed " + conversationId);
            }

            @Override
            public List<Unfinished> unfinished() {
                throw new AssertionError("a dry run looked for unfinished endings");
            }
        };
        Engine engine = new Engine(sandbox.operator(), journal, EnginePolicy.defaults());

        assertThat(engine.resume(new EndRequest(false, true, "", "me"))).isEmpty();
        assertThat(engine.end(sandbox.conversationId("waiting-1"), new EndRequest(false, true, "", "me"))).isInstanceOf(Outcome.Planned.class);
    }

    private int patches(String id) {
        return (int) sandbox.requests().stream().filter(r -> r.method().equals("PATCH") && r.path().contains(id)).count();
    }
}
