package dev.unstuck.app.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditEntry;
import dev.unstuck.app.store.AuditLocation;
import dev.unstuck.app.store.AuditQuery;
import dev.unstuck.app.store.AuditRecorder;
import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.Sweep;
import dev.unstuck.core.detect.SweepListener;
import dev.unstuck.core.detect.SweepRequest;
import dev.unstuck.core.engine.AuditEvent;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reliability campaign: a sweep over a mixed org while the sandbox fails the way networks and
 * platforms do (15% 500s on participant PATCHes, PATCHes that Genesys applies but answers after the
 * client gave up, every token revoked mid-run, an agent offer racing the look), then one more sweep
 * without faults (an offer that raced the look and whose own PATCH then met a 500 rings on with the guest
 * gone: that sweep finds it stranded). Ground truth is the sandbox: every stuck guest ended, none half-ended, no PATCH
 * accepted twice, no live-agent or after-call-work conversation touched, and every accepted PATCH in
 * the audit (by correlation id, or as an intent whose answer never came). Seeded: {@code -Dunstuck.chaosSeed=N}.
 */
class ChaosTest {
    static final long SEED = Long.getLong("unstuck.chaosSeed", 1128L);
    static final String SCENARIO = """
            {
              "seed": %d,
              "settings": {"rateLimitPerMinute": 100000},
              "roles": [{"name": "operator", "permissions": ["conversation:*:*", "analytics:*:*", "routing:queue:view"]}],
              "oauthClients": [{"id": "ops", "secret": "ops-secret", "name": "ops", "roles": ["operator"]}],
              "queues": [{"name": "Support"}, {"name": "Billing"}],
              "agents": [{"name": "Ana Agent"}, {"name": "Ben Agent"}],
              "guests": [
                {"label": "waiting", "kind": "waiting", "queue": "Support", "ageSeconds": 5400, "count": 24},
                {"label": "looping", "kind": "looping", "queue": "Billing", "ageSeconds": 1800, "passes": 4, "count": 6},
                {"label": "orphaned", "kind": "orphaned", "queue": "Support", "ageSeconds": 3600, "count": 6},
                {"label": "live", "kind": "live-agent", "queue": "Support", "agent": "Ana Agent", "ageSeconds": 5400, "count": 4},
                {"label": "acw", "kind": "acw", "queue": "Billing", "agent": "Ben Agent", "ageSeconds": 5400, "count": 3},
                {"label": "young", "kind": "waiting", "queue": "Support", "ageSeconds": 30, "count": 4}
              ]
            }
            """;

    @RegisterExtension
    static final SandboxExtension org = new SandboxExtension(SCENARIO.formatted(SEED));

    @TempDir
    Path home;

    final SandboxClient control = org.control();
    AuditDatabase db;

    @BeforeEach
    void start() throws Exception {
        System.out.println("ChaosTest seed " + SEED + " (replay with -Dunstuck.chaosSeed=" + SEED + ")");
        db = AuditDatabase.open(AuditLocation.parse(home.resolve("audit.db").toString()));
    }

    @AfterEach
    void stop() {
        control.clearFaults();
        db.close();
    }

    /**
     * One sweep as {@code unstuck sweep} runs it (lean engine policy, its own run in the audit); a request
     * timeout short enough that the sandbox's late answers (held 2 s) time out, long enough that classes
     * running beside this one on two cores do not make every answer late.
     */
    private void sweep(String reason) {
        Region region;
        try {
            region = Region.parse(org.baseUri().toString());
        } catch (dev.unstuck.core.genesys.UnknownRegionException e) {
            throw new AssertionError(e);
        }
        GenesysClient client = GenesysClient.create(region, new Credentials("ops", "ops-secret"),
                ClientSettings.defaults().withRequestTimeout(Duration.ofMillis(1500)).withGiveUpAfter(Duration.ofSeconds(5)));
        String run = UUID.randomUUID().toString();
        Engine engine = new Engine(client, new AuditRecorder(db, run, "lab", "sweep", "chaos"), EnginePolicy.lean());
        engine.resume(new EndRequest(false, false, reason, "chaos"));
        // Detection judges ages by the sandbox's clock, so moving it on is "the next sweep, some minutes later".
        Clock sandboxTime = Clock.offset(Clock.systemUTC(), Duration.between(Clock.systemUTC().instant(), control.now()));
        new Sweep(client, engine, sandboxTime).run(Policy.defaults(), new SweepRequest(false, List.of(), reason, "chaos"),
                SweepListener.SILENT);
    }

    @Test
    void everyStuckGuestEndsExactlyOnceAndEveryActIsAuditedThroughFaults() {
        Random random = new Random(SEED);
        control.faults("{\"status\": 500, \"errorRate\": 0.15, \"pathPattern\": \"/participants/\"}");
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> sweep("INC-chaos"));

        // The offer race: two stuck guests get an agent offer right after the engine's next look at them.
        List<String> waiting = ids("waiting");
        for (int i = 0; i < 2; i++) {
            control.act(waiting.get(random.nextInt(waiting.size())), "offerAgent", Optional.of("Ben Agent"), "afterNextRead");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted().size() >= 8 || first.isDone());
        // Two PATCHes that Genesys applies while the client has long stopped waiting for their answers.
        control.faults("{\"kind\": \"appliedLate\", \"count\": 2, \"holdMs\": 2000, \"pathPattern\": \"/participants/\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted().size() >= 16 || first.isDone());
        control.revokeTokens();
        control.faults("{\"status\": 500, \"errorRate\": 0.15, \"pathPattern\": \"/participants/\"}");
        first.join();

        control.clearFaults();
        // The next scheduled sweep, past orphanAfter (2m): a guest the faults left half-ended is stranded now.
        control.advance(Duration.ofMinutes(3));
        sweep("INC-chaos-again");

        assertEveryStuckGuestEndedOnceAndAudited();
    }

    private void assertEveryStuckGuestEndedOnceAndAudited() {
        String seed = "seed " + SEED;
        List<SandboxClient.LoggedRequest> accepted = accepted();
        Map<String, Long> perLeg = accepted.stream().collect(Collectors.groupingBy(SandboxClient.LoggedRequest::path, Collectors.counting()));
        assertThat(perLeg).as(seed + ": each participant PATCH accepted once").allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1));
        for (SandboxClient.Guest guest : control.conversations()) {
            boolean stuck = guest.label().startsWith("waiting") || guest.label().startsWith("looping") || guest.label().startsWith("orphaned");
            JsonNode detail = control.conversation(guest.id());
            if (stuck) {
                assertThat(guest.ended()).as(seed + ": " + guest.label() + " ended; " + detail).isTrue();
            } else {
                assertThat(control.requests()).as(seed + ": " + guest.label() + " untouched")
                        .noneMatch(r -> !r.method().equals("GET") && r.path().contains(guest.id()));
            }
            assertThat(detail.path("lingering").asBoolean()).as(seed + ": " + guest.label() + " lingers in its queue").isFalse();
        }
        assertThat(control.queueStats()).allSatisfy(q -> assertThat(q.lingering()).as(q.name()).isZero());

        List<AuditEvent> audit = db.query(AuditQuery.all(100_000)).stream().map(AuditEntry::event).toList();
        List<String> recordedIds = audit.stream().filter(e -> e.kind().equals(AuditEvent.Kind.STEP)).flatMap(e -> e.correlationIds().stream()).toList();
        List<String> unknownActs = audit.stream().filter(e -> e.kind().equals(AuditEvent.Kind.STEP) && e.result().equals(AuditEvent.Result.UNKNOWN))
                .map(AuditEvent::actId).toList();
        List<String> unknownCalls = audit.stream().filter(e -> e.kind().equals(AuditEvent.Kind.INTENT) && unknownActs.contains(e.actId()))
                .map(AuditEvent::summary).toList();
        for (SandboxClient.LoggedRequest request : accepted) {
            boolean byCorrelationId = recordedIds.contains(request.correlationId());
            boolean asUnknownIntent = unknownCalls.stream().anyMatch(call -> call.contains(request.path() + " "));
            assertThat(byCorrelationId || asUnknownIntent).as(seed + ": the accepted PATCH " + request.path() + " (" + request.correlationId()
                    + ") is in the audit:\n" + audit.stream().filter(e -> request.path().contains(e.subject().conversationId()))
                    .map(e -> e.kind() + " | " + e.result() + " | " + e.summary() + " | " + e.correlationIds()).collect(Collectors.joining("\n")))
                    .isTrue();
        }
    }

    private List<SandboxClient.LoggedRequest> accepted() {
        return control.requests().stream().filter(r -> r.method().equals("PATCH") && r.status() / 100 == 2).toList();
    }

    private List<String> ids(String labelPrefix) {
        return control.conversations().stream().filter(g -> g.label().startsWith(labelPrefix)).map(SandboxClient.Guest::id).toList();
    }
}
