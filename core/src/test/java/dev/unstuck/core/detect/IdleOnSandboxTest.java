package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.conversation.LegState;
import dev.unstuck.core.conversation.Participant;
import dev.unstuck.core.conversation.Purpose;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.engine.SkipReason;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code idleAfter} as teams write it by hand: no message from the guest for so long. The guest's
 * messages come from the conversation; analytics lists none, so it falls back to leg activity and the
 * engine's fresh look decides.
 */
class IdleOnSandboxTest {

    /** Idle after 30 minutes without a word from the guest; waits and loops are not what this is about. */
    private static final Policy IDLE = Policy.of(QueuePolicy.defaults().withIdleAfter(Optional.of(Duration.ofMinutes(30)))
            .withMaxWait(Duration.ofDays(1)).withLoop(50, Duration.ofHours(1)));

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.of(ScenarioBuilder.seed(13)
            .role("operator", "conversation:communication:disconnect", "conversation:communication:view",
                    "analytics:conversationDetail:view", "routing:queue:view")
            .client("op", "op-secret", "operator").queues("Support").agents("Ana Agent")
            .guests(ScenarioBuilder.Guest.waiting("quiet").queue("Support").ageSeconds(7200),
                    ScenarioBuilder.Guest.waiting("chatty").queue("Support").ageSeconds(7200),
                    ScenarioBuilder.Guest.waiting("requeued").queue("Support").ageSeconds(7200),
                    ScenarioBuilder.Guest.liveAgent("live").queue("Support").agent("Ana Agent").ageSeconds(7200)));

    @Test
    void theLastMessagesOfTheGuestAndOfTheAgentAreReadFromTheConversation() {
        String live = sandbox.conversationId("live");
        sandbox.action(live, "customerWrites", "Ana Agent", "now");
        Instant wrote = now();
        sandbox.advance(45);
        sandbox.action(live, "agentReplies", "Ana Agent", "now");

        Conversation c = sandbox.client("op", "op-secret").conversation(live).orElseThrow();

        assertThat(leg(c, Purpose.CUSTOMER).lastMessage()).contains(wrote);
        assertThat(leg(c, Purpose.AGENT).lastMessage()).contains(wrote.plusSeconds(45));
        assertThat(leg(c, Purpose.ACD).lastMessage()).isEmpty();
    }

    @Test
    void aGuestSilentForIdleAfterIsIdleThoughItsLegsMovedAMinuteAgo() {
        String requeued = sandbox.conversationId("requeued");
        sandbox.action(requeued, "customerWrites", "Ana Agent", "now");
        sandbox.advance(39 * 60);
        sandbox.action(requeued, "requeue", "Ana Agent", "now");
        sandbox.advance(60);

        Guest guest = Guest.of(sandbox.client("op", "op-secret").conversation(requeued).orElseThrow());

        assertThat(Duration.between(guest.lastActivity(), now())).isLessThan(Duration.ofMinutes(2));
        assertThat(Classifier.classify(guest, IDLE, now())).isInstanceOfSatisfying(Verdict.End.class, end -> {
            assertThat(end.reason()).isEqualTo(Reason.IDLE);
            assertThat(end.detail()).isEqualTo("no message from the guest for 40m (idleAfter 30m)");
        });
    }

    @Test
    void aGuestWhoWroteRecentlyIsNotIdleThoughNoLegMovedForHours() {
        String chatty = sandbox.conversationId("chatty");
        sandbox.advance(3600);
        sandbox.action(chatty, "customerWrites", "Ana Agent", "now");
        sandbox.advance(5 * 60);

        Guest guest = Guest.of(sandbox.client("op", "op-secret").conversation(chatty).orElseThrow());

        assertThat(Duration.between(guest.lastActivity(), now())).isGreaterThan(Duration.ofHours(2));
        assertThat(Classifier.classify(guest, IDLE, now())).isInstanceOf(Verdict.Leave.class);
    }

    @Test
    void withoutMessagesIdleFallsBackToLegActivity() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        Participant customer = Participant.of("cust", Purpose.CUSTOMER, LegState.CONNECTED)
                .withTimes(new Participant.LegTimes(Optional.of(now.minus(Duration.ofHours(2))), Optional.empty(), Optional.empty()));
        Participant acd = Participant.of("acd", Purpose.ACD, LegState.CONNECTED).withQueue("q1", "Support")
                .withTimes(new Participant.LegTimes(Optional.of(now.minus(Duration.ofMinutes(45))), Optional.empty(), Optional.empty()));
        Guest guest = Guest.of(new Conversation("c1", Optional.of(now.minus(Duration.ofHours(2))), Optional.empty(), List.of(customer, acd)));

        assertThat(guest.lastCustomerMessage()).isEmpty();
        assertThat(Classifier.classify(guest, IDLE, now)).isInstanceOfSatisfying(Verdict.End.class,
                end -> assertThat(end.detail()).isEqualTo("nothing happened for 45m (idleAfter 30m)"));
    }

    @Test
    void aSweepEndsTheSilentGuestAndTheEnginesLookSparesTheOneWhoWroteThoughAnalyticsSawNoMove() {
        String chatty = sandbox.conversationId("chatty");
        sandbox.advance(3600);
        sandbox.action(chatty, "customerWrites", "Ana Agent", "now");
        sandbox.advance(5 * 60);
        GenesysClient client = sandbox.client("op", "op-secret");

        SweepReport report = new Sweep(client, new Engine(client, event -> { }, EnginePolicy.lean()), Clock.fixed(now(), ZoneOffset.UTC))
                .run(IDLE, new SweepRequest(false, List.of(), "idle test", "core-test"), SweepListener.SILENT);

        assertThat(ended("quiet")).isTrue();
        assertThat(ended("chatty")).isFalse();
        Outcome chattyOutcome = report.handled().stream().filter(h -> h.finding().conversationId().equals(chatty))
                .findFirst().orElseThrow().outcome();
        assertThat(chattyOutcome).isInstanceOfSatisfying(Outcome.Skipped.class, s -> assertThat(s.reason()).isEqualTo(SkipReason.NO_LONGER_STUCK));
    }

    private static Participant leg(Conversation c, Purpose purpose) {
        return c.participants().stream().filter(p -> p.purpose() == purpose).reduce((a, b) -> b).orElseThrow();
    }

    private boolean ended(String label) {
        return sandbox.conversation(sandbox.conversationId(label)).path("ended").asBoolean();
    }

    private Instant now() {
        return sandbox.control().now();
    }
}
