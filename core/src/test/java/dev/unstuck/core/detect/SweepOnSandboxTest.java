package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.engine.AuditEvent;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.engine.SkipReason;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.sandbox.client.SandboxClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sweep on an org of 2,000 active conversations: 300 stuck (150 waiting for ages, 75 looping, 75
 * orphaned), 200 with a live agent, 1,500 healthy and young. One sandbox for the big sweep; the other
 * tests load the same scenario afresh.
 */
class SweepOnSandboxTest {

    private static final SweepRequest SWEEP = new SweepRequest(false, List.of(), "test sweep", "core-test");

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.of(scenario()).loadedOnce();

    @Test
    void endsExactlyTheThreeHundredStuckGuestsOfTwoThousandWithinThreeCallsEach() {
        load(scenario());
        // Fresh analytics: with the default 10 s lag the confirming query cannot show the ends yet and each one is read again.
        sandbox.settings("{\"analyticsLagSeconds\": 0}");
        GenesysClient client = sandbox.operator();
        AtomicInteger calls = new AtomicInteger();
        client.onCall(call -> calls.incrementAndGet());
        List<AuditEvent> audit = new CopyOnWriteArrayList<>();

        SweepReport report = sweep(client, audit, Policy.defaults());

        Map<String, String> kindById = kinds();
        List<String> endedBySandbox = ended();
        assertThat(endedBySandbox).hasSize(300);
        assertThat(endedBySandbox).allSatisfy(id -> assertThat(label(id)).startsWith("stuck-"));
        assertThat(report.ended()).isEqualTo(300);
        assertThat(report.confirmed()).isEqualTo(300);
        assertThat(report.notEnded()).isEmpty();
        assertThat(report.handled().stream().collect(Collectors.groupingBy(h -> h.finding().why(), Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("stuck", 150L, "looping", 75L, "orphaned", 75L));
        assertThat(report.handled()).allSatisfy(h -> assertThat(kindById.get(h.finding().conversationId()))
                .isEqualTo(expectedKind(h.finding().why())));
        for (String queue : List.of("Support", "Billing", "Sales")) {
            assertThat(sandbox.queueStats(queue).lingering()).as("lingering in " + queue).isZero();
        }
        double perEnded = calls.get() / 300.0;
        assertThat(perEnded).as("API calls per ended conversation (%d calls)", calls.get()).isLessThanOrEqualTo(3.05);
        assertThat(audit).filteredOn(e -> e.kind().equals(AuditEvent.Kind.OUTCOME)).hasSize(300)
                .allSatisfy(e -> assertThat(e.subject().reason()).startsWith("test sweep (").containsAnyOf("stuck:", "looping:", "orphaned:"));
    }

    @Test
    void findsLoopingGuestsCaughtInTheFlowBetweenTwoQueuePasses() {
        load(scenario());
        // Every looping guest is sent back to the flow at 120 s and waits there 5 s; analytics trails by 10 s
        // (the default), so at 131 s it shows each of them in the flow.
        sandbox.advance(131);

        SweepReport report = sweep(sandbox.operator(), new ArrayList<>(), Policy.defaults());

        assertThat(report.handled()).filteredOn(h -> h.finding().why().equals("looping")).hasSize(75)
                .allSatisfy(h -> assertThat(h.finding().guest().inFlow()).isTrue());
        assertThat(ended()).hasSize(300);
        for (String queue : List.of("Support", "Billing", "Sales")) {
            assertThat(sandbox.queueStats(queue).lingering()).as("lingering in " + queue).isZero();
        }
    }

    @Test
    void aDryRunPlansEachStuckGuestAndChangesNothing() {
        load(scenario());

        SweepReport report = sweep(sandbox.operator(), new ArrayList<>(), Policy.defaults(),
                new SweepRequest(true, List.of(), "", "core-test"));

        assertThat(report.handled()).hasSize(300).allSatisfy(h -> assertThat(h.outcome()).isInstanceOf(Outcome.Planned.class));
        assertThat(ended()).isEmpty();
        assertThat(sandbox.requests()).noneMatch(r -> r.method().equals("PATCH") || r.method().equals("POST") && r.path().endsWith("/disconnect"));
    }

    @Test
    void endsNoMoreThanTheLimitOldestFirstAndReportsTheRestAsOverTheLimit() {
        load(scenario());

        SweepReport report = sweep(sandbox.operator(), new ArrayList<>(), Policy.defaults().withLimit(40));

        assertThat(ended()).hasSize(40);
        assertThat(report.overLimit()).hasSize(260);
        Instant newestEnded = report.handled().stream().map(h -> h.finding().guest().start()).max(Instant::compareTo).orElseThrow();
        assertThat(report.overLimit()).allSatisfy(f -> assertThat(f.guest().start()).isAfterOrEqualTo(newestEnded));
    }

    @Test
    void leavesDeniedQueuesAndQueuesOutsideTheAllowListAlone() {
        load(scenario());

        SweepReport report = sweep(sandbox.operator(), new ArrayList<>(),
                Policy.defaults().withAllowQueues(Set.of("Support", "billing")).withDenyQueues(Set.of("Billing")));

        assertThat(ended()).hasSize(100).allSatisfy(id -> assertThat(queueOf(id)).isEqualTo(sandbox.queueId("Support")));
        assertThat(report.left().stream().map(Finding::why).collect(Collectors.toSet()))
                .contains("queue-denied", "queue-not-allowed");
    }

    @Test
    void sweepsOnlyTheQueuesNamedAndRefusesAnUnknownOneBeforeDoingAnything() {
        load(scenario());
        GenesysClient client = sandbox.operator();

        SweepReport unknown = sweep(client, new ArrayList<>(), Policy.defaults(),
                new SweepRequest(false, List.of("Sales", "Nope"), "", "core-test"));
        assertThat(unknown.unknownQueues()).containsExactly("Nope");
        assertThat(ended()).isEmpty();

        sweep(client, new ArrayList<>(), Policy.defaults(), new SweepRequest(false, List.of("sales"), "", "core-test"));
        assertThat(ended()).hasSize(100).allSatisfy(id -> assertThat(queueOf(id)).isEqualTo(sandbox.queueId("Sales")));
    }

    @Test
    void perQueueRulesApply() {
        load(scenario());
        // Billing tolerates waits of four hours: its long waiters are within policy, its loops and orphans are not.
        Policy policy = Policy.defaults().withQueue("Billing", QueuePolicy.defaults().withMaxWait(java.time.Duration.ofHours(4)));

        SweepReport report = sweep(sandbox.operator(), new ArrayList<>(), policy);

        assertThat(report.ended()).isEqualTo(250);
        assertThat(report.left()).filteredOn(f -> f.queue().equals("Billing") && f.why().equals("within-policy")).hasSize(50);
    }

    @Test
    void splitsTheScanByQueueAndAsksAJobForAQueueStillTooBig() {
        load(scenario());
        // The core's fast path needs the descriptive 502; kind jobs (10 s, data a minute old) cover today.
        sandbox.settings("{\"analyticsMaxMatches\": 120, \"analyticsTooManyMatchesBody\": \"descriptive\","
                + " \"analyticsJobDelaySeconds\": 10, \"analyticsJobAvailabilityLagSeconds\": 60}");
        try {
            SweepReport report = sweep(sandbox.operator(), new ArrayList<>(), Policy.defaults());
            assertThat(report.ended()).isEqualTo(300);
            assertThat(report.unlisted()).isEmpty();
            assertThat(sandbox.requests()).anyMatch(r -> r.status() == 502);
            assertThat(sandbox.requests()).anyMatch(r -> r.method().equals("POST") && r.path().equals("/api/v2/analytics/conversations/details/jobs"));
        } finally {
            sandbox.settings("{\"analyticsMaxMatches\": 8000}");
        }
    }

    @Test
    void aGuestAnsweredBetweenTheScanAndTheActIsLeftWithItsAgent() {
        load(scenario());
        String answered = idOf("stuck-wait-0#1");
        sandbox.action(answered, "connectAgent", "Ana Agent", "afterNextRead");

        SweepReport report = sweep(sandbox.operator(), new ArrayList<>(), Policy.defaults());

        assertThat(sandbox.conversation(answered).path("ended").asBoolean()).isFalse();
        Outcome outcome = report.handled().stream().filter(h -> h.finding().conversationId().equals(answered)).findFirst().orElseThrow().outcome();
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Skipped.class, s -> assertThat(s.reason()).isEqualTo(SkipReason.LIVE_AGENT));
        assertThat(report.ended()).isEqualTo(299);
    }

    private static SweepReport sweep(GenesysClient client, List<AuditEvent> audit, Policy policy) {
        return sweep(client, audit, policy, SWEEP);
    }

    private static SweepReport sweep(GenesysClient client, List<AuditEvent> audit, Policy policy, SweepRequest request) {
        Engine engine = new Engine(client, audit::add, EnginePolicy.lean());
        return new Sweep(client, engine, sandboxClock()).run(policy, request, SweepListener.SILENT);
    }

    static Clock sandboxClock() {
        return sandboxClockOf(sandbox);
    }

    /** The sandbox's time now, fixed: a sweep judges everything against the moment it began. */
    static Clock sandboxClockOf(SandboxFixture fixture) {
        return Clock.fixed(fixture.now(), ZoneOffset.UTC);
    }

    private static void load(String scenario) {
        sandbox.control().loadScenario(scenario);
        sandbox.clearRequests();
    }

    private static List<String> ended() {
        List<String> ids = new ArrayList<>();
        for (SandboxClient.Guest g : sandbox.control().conversations()) {
            if (g.ended()) {
                ids.add(g.id());
            }
        }
        return ids;
    }

    private static Map<String, String> kinds() {
        Map<String, String> kinds = new HashMap<>();
        sandbox.control().conversations().forEach(g -> kinds.put(g.id(), g.kind()));
        return kinds;
    }

    private static String label(String id) {
        return sandbox.control().conversation(id).path("label").asText();
    }

    private static String queueOf(String id) {
        return sandbox.control().conversation(id).path("queueId").asText();
    }

    private static String idOf(String label) {
        return sandbox.conversationId(label);
    }

    private static String expectedKind(String why) {
        return switch (why) {
            case "stuck" -> "waiting";
            case "looping" -> "looping";
            case "orphaned" -> "orphaned";
            default -> "?";
        };
    }

    static String scenario() {
        try (InputStream in = SweepOnSandboxTest.class.getResourceAsStream("/sweep-2000.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
