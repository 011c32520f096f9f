package dev.unstuck.core.engine;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.conversation.Participant;
import dev.unstuck.core.conversation.LegState;
import dev.unstuck.core.conversation.Purpose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.engine.Outcome.Ended;
import dev.unstuck.core.engine.Outcome.Failed;
import dev.unstuck.core.engine.Outcome.Skipped;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.sandbox.client.SandboxClient.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine end to end, over HTTP against the sandbox on its manual clock. */
class EngineOnSandboxTest {

    private static final EndRequest END = new EndRequest(false, false, "stuck in queue", "core-test");
    private static final EndRequest FORCED = new EndRequest(true, false, "forced by test", "core-test");

    private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.engineScenario();
    private GenesysClient client;
    private Engine engine;

    @BeforeEach
    void start() {
        client = sandbox.operator();
        engine = new Engine(client, audit::add, EnginePolicy.defaults());
    }

    @Test
    void endsAWaitingGuestWithItsQueueEntryFreedAtOnce() {
        String id = sandbox.conversationId("waiting-1");
        int waitingBefore = sandbox.queueStats("Support").waiting();

        Outcome outcome = engine.end(id, END);

        assertThat(outcome).isInstanceOf(Ended.class);
        assertThat(((Ended) outcome).alreadyEnded()).isFalse();
        assertThat(sandbox.queueStats("Support").lingering()).isZero();
        assertThat(sandbox.queueStats("Support").waiting()).isEqualTo(waitingBefore - 1);
        assertThat(sandbox.conversation(id).path("ended").asBoolean()).isTrue();
    }

    @Test
    void endingTheCustomerFirstAsTheUsualScriptDoesWouldLeaveTheQueueEntryLingering() {
        String id = sandbox.conversationId("waiting-1");
        Conversation before = client.conversation(id).orElseThrow();

        client.disconnectParticipant(id, legOf(before, Purpose.CUSTOMER));

        // The contrast that makes the engine's order matter: the queue still counts the guest.
        assertThat(sandbox.queueStats("Support").lingering()).isEqualTo(1);
    }

    @Test
    void endsTheAcdLegBeforeTheCustomerLeg() {
        String id = sandbox.conversationId("waiting-1");
        Conversation before = client.conversation(id).orElseThrow();
        String acd = legOf(before, Purpose.ACD);
        String customer = legOf(before, Purpose.CUSTOMER);
        sandbox.clearRequests();

        engine.end(id, END);

        assertThat(patchedLegs(id)).containsExactly(acd, customer);
    }

    @Test
    void anAcwConversationEndsWithoutA409() {
        String id = sandbox.conversationId("acw-1");
        sandbox.clearRequests();

        Outcome outcome = engine.end(id, END);

        assertThat(outcome).isInstanceOf(Ended.class);
        assertThat(sandbox.requests()).extracting(LoggedRequest::status).doesNotContain(409);
        assertThat(outcome.steps()).extracting(StepResult::status).allMatch(s -> s == 202);
    }

    @Test
    void aClientWithoutDisconnectPermissionIsToldWhichPermissionToAddWhere() {
        Engine viewer = new Engine(sandbox.client("core-viewer", "viewer-secret"), AuditSink.NONE, EnginePolicy.defaults());

        Outcome outcome = viewer.end(sandbox.conversationId("waiting-1"), END);

        assertThat(outcome).isInstanceOf(Failed.class);
        Cause cause = ((Failed) outcome).cause();
        assertThat(cause).isInstanceOf(Cause.PermissionMissing.class);
        Cause.PermissionMissing missing = (Cause.PermissionMissing) cause;
        assertThat(missing.permissions()).containsExactly("conversation:communication:disconnect");
        assertThat(missing.clientId()).isEqualTo("core-viewer");
        assertThat(missing.roleNames()).containsExactly("viewer");
        assertThat(missing.fix()).contains("add permission conversation:communication:disconnect to role viewer");
        assertThat(sandbox.conversation(sandbox.conversationId("waiting-1")).path("ended").asBoolean()).isFalse();
    }

    @Test
    void aLiveAgentConversationIsSkippedWithoutAnyChange() {
        String id = sandbox.conversationId("live-1");
        sandbox.clearRequests();

        Outcome outcome = engine.end(id, END);

        assertThat(outcome).isInstanceOf(Skipped.class);
        assertThat(((Skipped) outcome).reason()).isEqualTo(SkipReason.LIVE_AGENT);
        assertThat(changesTo(id)).isEmpty();
        assertThat(sandbox.conversation(id).path("ended").asBoolean()).isFalse();
    }

    @Test
    void aLiveAgentConversationIsEndedWhenForced() {
        String id = sandbox.conversationId("live-1");

        Outcome outcome = engine.end(id, FORCED);

        assertThat(outcome).isInstanceOf(Ended.class);
        assertThat(sandbox.conversation(id).path("ended").asBoolean()).isTrue();
    }

    @Test
    void endingTwiceIsANoOpTheSecondTime() {
        String id = sandbox.conversationId("waiting-2");
        engine.end(id, END);
        sandbox.clearRequests();

        Outcome second = engine.end(id, END);

        assertThat(second).isInstanceOf(Ended.class);
        assertThat(((Ended) second).alreadyEnded()).isTrue();
        assertThat(second.steps()).isEmpty();
        assertThat(changesTo(id)).isEmpty();
    }

    @Test
    void aConversationThatEndedLongAgoNeedsNothing() {
        String id = sandbox.conversationId("done-1");
        sandbox.clearRequests();

        Outcome outcome = engine.end(id, END);

        assertThat(outcome).isInstanceOf(Ended.class);
        assertThat(((Ended) outcome).alreadyEnded()).isTrue();
        assertThat(changesTo(id)).isEmpty();
    }

    @Test
    void aConversationGenesysDoesNotKnowIsNotFoundNotAlreadyEnded() {
        Outcome outcome = engine.end("00000000-0000-0000-0000-000000000000", END);

        assertThat(outcome).isInstanceOf(Outcome.NotFound.class);
        assertThat(outcome.steps()).isEmpty();
    }

    @Test
    void anAgentWhoAnswersBetweenLookAndActKeepsTheGuest() {
        String id = sandbox.conversationId("waiting-1");
        sandbox.action(id, "connectAgent", "Ana Agent", "afterNextRead");

        Outcome outcome = engine.end(id, END);

        assertThat(outcome).isInstanceOf(Skipped.class);
        assertThat(((Skipped) outcome).reason()).isEqualTo(SkipReason.LIVE_AGENT);
        Conversation after = client.conversation(id).orElseThrow();
        assertThat(after.participants()).anySatisfy(p -> {
            assertThat(p.purpose()).isEqualTo(Purpose.AGENT);
            assertThat(p.state()).isEqualTo(LegState.CONNECTED);
        });
        assertThat(after.participants()).filteredOn(p -> p.purpose() == Purpose.CUSTOMER)
                .allSatisfy(p -> assertThat(p.state()).isEqualTo(LegState.CONNECTED));
    }

    @Test
    void loopingOrphanedAndOfferedGuestsAreAllEnded() {
        for (String label : List.of("loop-1", "orphan-1", "offered-1")) {
            String id = sandbox.conversationId(label);

            Outcome outcome = engine.end(id, END);

            assertThat(outcome).as(label + ": " + outcome.summary()).isInstanceOf(Ended.class);
            assertThat(sandbox.conversation(id).path("ended").asBoolean()).as(label).isTrue();
        }
        assertThat(sandbox.queueStats("Support").lingering()).isZero();
        assertThat(sandbox.queueStats("Billing").lingering()).isZero();
    }

    @Test
    void aDryRunPlansTheExactCallsAndChangesNothing() {
        String id = sandbox.conversationId("waiting-1");
        sandbox.clearRequests();

        Outcome outcome = engine.end(id, new EndRequest(false, true, "look only", "core-test"));

        assertThat(outcome).isInstanceOf(Outcome.Planned.class);
        assertThat(outcome.summary()).contains("PATCH /api/v2/conversations/messages/" + id + "/participants/");
        assertThat(changesTo(id)).isEmpty();
    }

    @Test
    void unavailableAnswersAreRiddenOut() {
        String id = sandbox.conversationId("waiting-1");
        sandbox.faults("{\"status\": 503, \"count\": 2, \"pathPattern\": \".*/participants/.*\"}");

        Outcome outcome = engine.end(id, END);

        assertThat(outcome).isInstanceOf(Ended.class);
        assertThat(sandbox.requests()).extracting(LoggedRequest::status).contains(503);
    }

    @Test
    void throttlingIsRiddenOutByWaitingWhatRetryAfterSays() {
        String id = sandbox.conversationId("waiting-1");
        sandbox.faults("{\"status\": 429, \"count\": 2, \"pathPattern\": \".*/conversations/.*\"}");

        Outcome outcome = engine.end(id, END);

        assertThat(outcome).isInstanceOf(Ended.class);
        assertThat(sandbox.requests()).extracting(LoggedRequest::status).contains(429);
        assertThat(sandbox.slept()).anySatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void theOrgsRateLimitIsRiddenOutInSandboxTime() {
        // The per-token limit is the subject: routes allow as much (at the default 60%, one call a minute each
        // outlasts the operator's five-minute token).
        sandbox.settings("{\"rateLimitPerMinute\": 3, \"resourceRateLimitPercent\": 100}");
        String first = sandbox.conversationId("waiting-1");
        String second = sandbox.conversationId("waiting-2");

        assertThat(engine.end(first, END)).isInstanceOf(Ended.class);
        assertThat(engine.end(second, END)).isInstanceOf(Ended.class);

        assertThat(sandbox.requests()).extracting(LoggedRequest::status).contains(429);
    }

    @Test
    void anExpiredTokenIsRenewed() {
        String id = sandbox.conversationId("waiting-1");
        client.conversation(id);
        sandbox.advance(301);
        sandbox.clearRequests();

        Outcome outcome = engine.end(id, END);

        assertThat(outcome).isInstanceOf(Ended.class);
        List<LoggedRequest> log = sandbox.requests();
        assertThat(log).extracting(LoggedRequest::status).contains(401);
        assertThat(log).filteredOn(r -> r.path().equals("/oauth/token")).hasSize(1);
    }

    @Test
    void everyPlanStepAndOutcomeIsRecordedWithCorrelationIds() {
        String id = sandbox.conversationId("waiting-1");

        Outcome outcome = engine.end(id, END);

        assertThat(audit).extracting(e -> e.kind().word()).containsExactly("plan", "intent", "step", "intent", "step", "outcome");
        AuditEvent last = audit.get(audit.size() - 1);
        assertThat(last.stateBefore()).contains("acd(Support):connected").contains("customer:connected");
        assertThat(last.stateAfter()).doesNotContain(":connected");
        assertThat(last.subject().requestedBy()).isEqualTo("core-test");
        assertThat(last.subject().reason()).isEqualTo("stuck in queue");
        List<String> logged = sandbox.requests().stream().filter(r -> r.path().contains(id)).map(LoggedRequest::correlationId).toList();
        assertThat(outcome.correlationIds()).containsAll(logged).isNotEmpty();
        assertThat(outcome.steps()).allSatisfy(s -> assertThat(s.correlationId()).isNotEmpty());
    }

    @Test
    void aConflictThatOutlivesTheReplansEndsByTeardownAndIsRecorded() {
        String id = sandbox.conversationId("waiting-1");
        sandbox.faults("{\"status\": 409, \"count\": 50, \"pathPattern\": \".*/participants/.*\"}");

        Outcome outcome = engine.end(id, END);

        assertThat(outcome).as(outcome.summary()).isInstanceOf(Ended.class);
        assertThat(outcome.steps()).last().satisfies(s -> {
            assertThat(s.step()).isInstanceOf(Step.Teardown.class);
            assertThat(s.status()).isEqualTo(202);
        });
        assertThat(outcome.steps()).filteredOn(s -> s.status() == 409).hasSize(EnginePolicy.defaults().maxReplans() + 1);
        assertThat(audit).anySatisfy(e -> assertThat(e.summary()).contains("/disconnect").contains("last resort"));
        assertThat(sandbox.queueStats("Support").lingering()).isZero();
    }

    @Test
    void withoutTheLastResortAPersistentConflictIsReportedAsSuch() {
        String id = sandbox.conversationId("waiting-1");
        sandbox.faults("{\"status\": 409, \"count\": 50, \"pathPattern\": \".*/participants/.*\"}");
        Engine careful = new Engine(client, AuditSink.NONE, new EnginePolicy(false, 2, false, true, true));

        Outcome outcome = careful.end(id, END);

        assertThat(outcome).isInstanceOf(Failed.class);
        assertThat(((Failed) outcome).cause()).isInstanceOf(Cause.Conflict.class);
        assertThat(changesTo(id)).noneMatch(r -> r.path().endsWith("/disconnect"));
    }

    @Test
    void theLeanPolicyEndsAWaitingGuestInThreeCalls() {
        String id = sandbox.conversationId("waiting-1");
        client.tokenInfo();
        sandbox.clearRequests();
        Engine lean = new Engine(client, AuditSink.NONE, EnginePolicy.lean());

        Outcome outcome = lean.end(id, END);

        assertThat(outcome).isInstanceOf(Ended.class);
        assertThat(sandbox.requests()).extracting(LoggedRequest::method).containsExactly("GET", "PATCH", "PATCH");
        assertThat(sandbox.queueStats("Support").lingering()).isZero();
    }

    @Test
    void theLeanPolicyStillLeavesAnAgentWhoAnsweredAfterTheLook() {
        String id = sandbox.conversationId("waiting-1");
        sandbox.action(id, "connectAgent", "Ana Agent", "afterNextRead");
        Engine lean = new Engine(client, AuditSink.NONE, EnginePolicy.lean());

        Outcome outcome = lean.end(id, END);

        assertThat(outcome).isInstanceOf(Skipped.class);
        assertThat(client.conversation(id).orElseThrow().participants())
                .anySatisfy(p -> assertThat(p.describe()).isEqualTo("agent(Ana Agent):connected"));
    }

    @Test
    void revokedTokensAreReplacedWithoutTheUserNoticing() {
        String id = sandbox.conversationId("waiting-1");
        client.conversation(id);
        sandbox.revokeTokens();

        assertThat(engine.end(id, END)).isInstanceOf(Ended.class);
    }

    @Test
    void theWrapupTeardownPolicyEndsAnAcwConversationCompletely() {
        String id = sandbox.conversationId("acw-1");
        Engine tidy = new Engine(client, audit::add, new EnginePolicy(true, 3, true, true, true));

        Outcome outcome = tidy.end(id, END);

        assertThat(outcome).isInstanceOf(Ended.class);
        assertThat(outcome.steps()).extracting(s -> s.step().getClass().getSimpleName()).containsExactly("DisconnectLeg", "Teardown");
        assertThat(client.conversation(id).orElseThrow().participants()).noneMatch(Participant::wrapupPending);
        assertThat(sandbox.requests()).extracting(LoggedRequest::status).doesNotContain(409);
    }

    @Test
    void conversationsEndedInParallelKeepTheirOwnCorrelationIds() throws Exception {
        String first = sandbox.conversationId("waiting-1");
        String second = sandbox.conversationId("waiting-2");
        client.tokenInfo();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<Outcome> a = pool.submit(() -> engine.end(first, END));
            java.util.concurrent.Future<Outcome> b = pool.submit(() -> engine.end(second, END));
            Outcome outcomeA = a.get();
            Outcome outcomeB = b.get();

            assertThat(outcomeA).isInstanceOf(Ended.class);
            assertThat(outcomeB).isInstanceOf(Ended.class);
            List<LoggedRequest> log = sandbox.requests();
            assertThat(outcomeA.correlationIds()).containsExactlyInAnyOrderElementsOf(idsOf(log, first));
            assertThat(outcomeB.correlationIds()).containsExactlyInAnyOrderElementsOf(idsOf(log, second));
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> idsOf(List<LoggedRequest> log, String conversationId) {
        return log.stream().filter(r -> r.path().contains(conversationId)).map(LoggedRequest::correlationId).toList();
    }

    /** Requests that could change the conversation: anything but a GET of it. */
    private List<LoggedRequest> changesTo(String conversationId) {
        return sandbox.requests().stream()
                .filter(r -> !r.method().equals("GET") && r.path().contains(conversationId))
                .toList();
    }

    private List<String> patchedLegs(String conversationId) {
        String prefix = "/api/v2/conversations/messages/" + conversationId + "/participants/";
        return sandbox.requests().stream()
                .filter(r -> r.method().equals("PATCH") && r.path().startsWith(prefix))
                .map(r -> r.path().substring(prefix.length()))
                .toList();
    }

    private static String legOf(Conversation conversation, Purpose purpose) {
        return conversation.participants().stream()
                .filter(p -> p.purpose() == purpose && p.active())
                .map(Participant::id)
                .findFirst()
                .orElseThrow();
    }
}
