package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstuck.core.detect.Verdict.LeaveReason;
import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.conversation.LegState;
import dev.unstuck.core.conversation.Participant;
import dev.unstuck.core.conversation.Participant.LegTimes;
import dev.unstuck.core.conversation.Purpose;
import dev.unstuck.core.genesys.ConversationDetail;
import dev.unstuck.core.genesys.ConversationDetail.DetailParticipant;
import dev.unstuck.core.genesys.ConversationDetail.Segment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule of the policy and each detection trap, on guests built by hand. */
class ClassifierTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Policy POLICY = Policy.defaults();

    @Test
    void aGuestWaitingLongerThanMaxWaitIsStuck() {
        Verdict v = Classifier.classify(waiting(Duration.ofMinutes(31)), POLICY, NOW);

        assertThat(v).isInstanceOfSatisfying(Verdict.End.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.STUCK);
            assertThat(e.detail()).isEqualTo("waiting 31m in Support (maxWait 30m)");
        });
    }

    @Test
    void aGuestWaitingWithinMaxWaitIsLeftWithinPolicy() {
        assertThat(leave(Classifier.classify(waiting(Duration.ofMinutes(29)), POLICY, NOW))).isEqualTo(LeaveReason.WITHIN_POLICY);
    }

    @Test
    void aYoungConversationIsNeverTouchedWhateverElseHolds() {
        Policy tight = Policy.of(QueuePolicy.defaults().withMaxWait(Duration.ofSeconds(10)));

        assertThat(leave(Classifier.classify(waiting(Duration.ofSeconds(90)), tight, NOW))).isEqualTo(LeaveReason.TOO_YOUNG);
    }

    @Test
    void enteringTheQueueLoopPassesTimesWithinTheWindowIsLooping() {
        Guest guest = looping(3, Duration.ofMinutes(10));

        Verdict v = Classifier.classify(guest, POLICY, NOW);

        assertThat(v).isInstanceOfSatisfying(Verdict.End.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.LOOPING);
            assertThat(e.detail()).startsWith("entered a queue 3 times in the last 1h");
        });
    }

    @Test
    void queuePassesOutsideTheWindowDoNotCountAsALoop() {
        // Three passes, 25 minutes apart: only two fall in the last hour.
        assertThat(leave(Classifier.classify(looping(3, Duration.ofMinutes(25)), POLICY, NOW))).isEqualTo(LeaveReason.WITHIN_POLICY);
    }

    @Test
    void aGuestHandedFromFlowToFlowWithoutEverQueueingIsLoopingToo() {
        Guest guest = Guest.of(new Conversation("c1", Optional.of(NOW.minus(Duration.ofMinutes(30))), Optional.empty(), List.of(
                leg("cust", Purpose.CUSTOMER, LegState.CONNECTED, Duration.ofMinutes(30), Optional.empty()),
                leg("flow1", Purpose.FLOW, LegState.DISCONNECTED, Duration.ofMinutes(30), Optional.of(Duration.ofMinutes(20))),
                leg("flow2", Purpose.FLOW, LegState.DISCONNECTED, Duration.ofMinutes(20), Optional.of(Duration.ofMinutes(10))),
                leg("flow3", Purpose.FLOW, LegState.CONNECTED, Duration.ofMinutes(10), Optional.empty()))));

        assertThat(Classifier.classify(guest, POLICY, NOW)).isInstanceOfSatisfying(Verdict.End.class,
                e -> assertThat(e.detail()).startsWith("entered a flow 3 times in the last 1h"));
    }

    @Test
    void nearingThePlatformsInQueueFlowCapIsLoopingEvenWhenSlow() {
        Policy slowLoopsAllowed = Policy.of(QueuePolicy.defaults().withLoop(50, Duration.ofHours(1)));
        Guest guest = looping(8, Duration.ofMinutes(20));

        Verdict v = Classifier.classify(guest, slowLoopsAllowed, NOW);

        assertThat(v).isInstanceOfSatisfying(Verdict.End.class, e -> assertThat(e.detail()).isEqualTo("8 flow passes; Genesys opens no more in-queue flows after 10"));
    }

    @Test
    void nearingTheSegmentCapIsLooping() {
        ConversationDetail detail = detail(Duration.ofMinutes(20), true, 230);

        Verdict v = Classifier.classify(Guest.of(detail), POLICY, NOW);

        assertThat(v).isInstanceOfSatisfying(Verdict.End.class, e -> assertThat(e.detail()).isEqualTo("232 segments; Genesys ends it at 250"));
    }

    @Test
    void aCustomerGoneWhileTheQueueLegWaitsIsOrphanedAfterOrphanAfter() {
        Guest gone3m = orphan(Duration.ofMinutes(3));
        Guest gone1m = orphan(Duration.ofMinutes(1));

        assertThat(Classifier.classify(gone3m, POLICY, NOW)).isInstanceOfSatisfying(Verdict.End.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.ORPHANED));
        assertThat(leave(Classifier.classify(gone1m, POLICY, NOW))).isEqualTo(LeaveReason.WITHIN_POLICY);
    }

    @Test
    void anOrphanWithAnUnclosedAgentSegmentInAnalyticsIsStillFound() {
        // The field's trap: orphans keep open segments because conversationEnd was never written; a
        // blanket "agent has an open segment" guard skipped exactly them. The engine's look decides.
        ConversationDetail detail = detail(Duration.ofHours(2), false, 0);
        List<DetailParticipant> legs = new ArrayList<>(detail.participants());
        legs.add(new DetailParticipant("agent", Purpose.AGENT, "agent", Optional.of("u1"), Optional.of("Ana"),
                List.of(new Segment("interact", NOW.minus(Duration.ofMinutes(90)), Optional.empty(), Optional.of("q1"), Optional.empty()))));
        Guest guest = Guest.of(new ConversationDetail(detail.conversationId(), detail.start(), Optional.empty(), legs));

        assertThat(Classifier.classify(guest, POLICY, NOW)).isInstanceOfSatisfying(Verdict.End.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.ORPHANED));
    }

    // ---- stranded: the customer left behind by every leg that held it ------------------------------

    @Test
    void aCustomerLeftConnectedAfterTheQueueLegEndedIsStrandedAfterOrphanAfter() {
        Guest left3m = stranded(Duration.ofMinutes(3));

        assertThat(Classifier.classify(left3m, POLICY, NOW)).isInstanceOfSatisfying(Verdict.End.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.STRANDED);
            assertThat(e.detail()).isEqualTo("customer still connected, no longer held by Support for 3m");
        });
        assertThat(leave(Classifier.classify(stranded(Duration.ofMinutes(1)), POLICY, NOW))).isEqualTo(LeaveReason.NOT_IN_QUEUE);
    }

    @Test
    void anAgentOfferThatRingsOrWasWithdrawnHoldsNothing() {
        Guest ringing = stranded(Duration.ofMinutes(5), leg("agent", Purpose.AGENT, LegState.ALERTING, Duration.ofMinutes(4), Optional.empty()));
        Guest withdrawn = stranded(Duration.ofMinutes(5),
                leg("agent", Purpose.AGENT, LegState.DISCONNECTED, Duration.ofMinutes(6), Optional.of(Duration.ofMinutes(5))));

        assertThat(Classifier.classify(ringing, POLICY, NOW)).isInstanceOfSatisfying(Verdict.End.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.STRANDED));
        assertThat(Classifier.classify(withdrawn, POLICY, NOW)).isInstanceOfSatisfying(Verdict.End.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.STRANDED));
    }

    @Test
    void aCustomerGoneWhileOnlyAnAgentOfferRingsIsStrandedAfterOrphanAfter() {
        // The offer that raced an ending's look: the guest and its queue leg are gone, the offer rings on.
        Guest ringing3m = goneWhileRinging(Duration.ofMinutes(3), LegState.ALERTING);

        assertThat(Classifier.classify(ringing3m, POLICY, NOW)).isInstanceOfSatisfying(Verdict.End.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.STRANDED);
            assertThat(e.detail()).isEqualTo("customer gone, an agent offer still ringing, no longer held by Support for 3m");
        });
        assertThat(leave(Classifier.classify(goneWhileRinging(Duration.ofMinutes(1), LegState.ALERTING), POLICY, NOW)))
                .isEqualTo(LeaveReason.NOT_IN_QUEUE);
    }

    @Test
    void aCustomerGoneWithTheOfferWithdrawnOrAnsweredIsNotStranded() {
        assertThat(goneWhileRinging(Duration.ofMinutes(3), LegState.DISCONNECTED).strandedSince()).isEmpty();
        assertThat(goneWhileRinging(Duration.ofMinutes(3), LegState.CONNECTED).strandedSince()).isEmpty();
        assertThat(leave(Classifier.classify(goneWhileRinging(Duration.ofMinutes(3), LegState.CONNECTED), POLICY, NOW)))
                .isEqualTo(LeaveReason.LIVE_AGENT);
    }

    @Test
    void analyticsShowsACustomerGoneWhileAnOfferRingsAlike() {
        Instant start = NOW.minus(Duration.ofMinutes(40));
        Instant gone = NOW.minus(Duration.ofMinutes(3));
        List<DetailParticipant> legs = List.of(
                new DetailParticipant("cust", Purpose.CUSTOMER, "customer", Optional.empty(), Optional.empty(),
                        List.of(new Segment("interact", start, Optional.of(gone), Optional.empty(), Optional.of("client")))),
                new DetailParticipant("acd", Purpose.ACD, "acd", Optional.empty(), Optional.empty(),
                        List.of(new Segment("interact", start.plusSeconds(5), Optional.of(gone), Optional.of("q1"), Optional.of("client")))),
                new DetailParticipant("agent", Purpose.AGENT, "agent", Optional.of("u1"), Optional.of("Ana"),
                        List.of(new Segment("alert", gone, Optional.empty(), Optional.of("q1"), Optional.empty()))));

        Guest fromAnalytics = Guest.of(new ConversationDetail("c1", start, Optional.empty(), legs)).withQueueName("Support");

        assertThat(fromAnalytics.strandedSince()).contains(gone);
        assertThat(Classifier.classify(fromAnalytics, POLICY, NOW))
                .isEqualTo(Classifier.classify(goneWhileRinging(Duration.ofMinutes(3), LegState.ALERTING), POLICY, NOW));
    }

    @Test
    void anAgentPendingWrapUpKeepsTheConversationOutOfTheStrandedRule() {
        Guest acw = stranded(Duration.ofHours(1), leg("agent", Purpose.AGENT, LegState.DISCONNECTED, Duration.ofHours(2),
                Optional.of(Duration.ofHours(1))).withWrapup(true, true));

        assertThat(acw.strandedSince()).isEmpty();
        assertThat(leave(Classifier.classify(acw, POLICY, NOW))).isEqualTo(LeaveReason.NOT_IN_QUEUE);
    }

    @Test
    void aConnectedAgentIsNoStrandingEvenWhenForced() {
        Guest live = stranded(Duration.ofHours(1), leg("agent", Purpose.AGENT, LegState.CONNECTED, Duration.ofHours(1), Optional.empty()));

        assertThat(live.strandedSince()).isEmpty();
        assertThat(leave(Classifier.classify(live, POLICY.withForce(true), NOW))).isEqualTo(LeaveReason.NOT_IN_QUEUE);
    }

    @Test
    void analyticsShowsTheStrandedGuestAlikeAndAnOpenAgentSegmentKeepsItOut() {
        Instant start = NOW.minus(Duration.ofMinutes(40));
        Segment customer = new Segment("interact", start, Optional.empty(), Optional.empty(), Optional.empty());
        Segment queueWait = new Segment("interact", start.plusSeconds(5), Optional.of(NOW.minus(Duration.ofMinutes(4))), Optional.of("q1"),
                Optional.of("client"));
        List<DetailParticipant> legs = List.of(
                new DetailParticipant("cust", Purpose.CUSTOMER, "customer", Optional.empty(), Optional.empty(), List.of(customer)),
                new DetailParticipant("acd", Purpose.ACD, "acd", Optional.empty(), Optional.empty(), List.of(queueWait)));
        Guest fromAnalytics = Guest.of(new ConversationDetail("c1", start, Optional.empty(), legs)).withQueueName("Support");
        List<DetailParticipant> withAcw = new ArrayList<>(legs);
        withAcw.add(new DetailParticipant("agent", Purpose.AGENT, "agent", Optional.of("u1"), Optional.of("Ana"), List.of(
                new Segment("interact", start.plusSeconds(60), Optional.of(NOW.minus(Duration.ofMinutes(4))), Optional.of("q1"), Optional.empty()),
                new Segment("wrapup", NOW.minus(Duration.ofMinutes(4)), Optional.empty(), Optional.of("q1"), Optional.empty()))));

        assertThat(Classifier.classify(fromAnalytics, POLICY, NOW)).isEqualTo(Classifier.classify(stranded(Duration.ofMinutes(4)), POLICY, NOW));
        assertThat(Guest.of(new ConversationDetail("c1", start, Optional.empty(), withAcw)).strandedSince()).isEmpty();
    }

    @Test
    void idleIsOffByDefaultAndEndsQuietGuestsWhenSet() {
        Guest inFlowQuiet = inFlow(Duration.ofHours(3));
        Policy idle = Policy.of(QueuePolicy.defaults().withIdleAfter(Optional.of(Duration.ofHours(2))));

        assertThat(leave(Classifier.classify(inFlowQuiet, POLICY, NOW))).isEqualTo(LeaveReason.WITHIN_POLICY);
        assertThat(Classifier.classify(inFlowQuiet, idle, NOW)).isInstanceOfSatisfying(Verdict.End.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.IDLE));
    }

    @Test
    void aLiveAgentKeepsTheGuestUnlessForced() {
        Guest guest = Guest.of(new Conversation("c1", Optional.of(NOW.minus(Duration.ofHours(3))), Optional.empty(), List.of(
                leg("cust", Purpose.CUSTOMER, LegState.CONNECTED, Duration.ofHours(3), Optional.empty()),
                leg("acd", Purpose.ACD, LegState.CONNECTED, Duration.ofHours(2), Optional.empty()).withQueue("q1", "Support"),
                leg("agent", Purpose.AGENT, LegState.CONNECTED, Duration.ofMinutes(5), Optional.empty()))));

        assertThat(leave(Classifier.classify(guest, POLICY, NOW))).isEqualTo(LeaveReason.LIVE_AGENT);
        assertThat(Classifier.classify(guest, POLICY.withForce(true), NOW)).isInstanceOf(Verdict.End.class);
    }

    @Test
    void denyWinsOverAllowAndQueuesMatchByIdOrNameInAnyCase() {
        Guest guest = waiting(Duration.ofHours(1));

        assertThat(leave(Classifier.classify(guest, POLICY.withDenyQueues(Set.of("q1")), NOW))).isEqualTo(LeaveReason.QUEUE_DENIED);
        assertThat(leave(Classifier.classify(guest, POLICY.withAllowQueues(Set.of("SUPPORT")).withDenyQueues(Set.of("support")), NOW)))
                .isEqualTo(LeaveReason.QUEUE_DENIED);
        assertThat(leave(Classifier.classify(guest, POLICY.withAllowQueues(Set.of("Billing")), NOW))).isEqualTo(LeaveReason.QUEUE_NOT_ALLOWED);
        assertThat(Classifier.classify(guest, POLICY.withAllowQueues(Set.of("support")), NOW)).isInstanceOf(Verdict.End.class);
    }

    @Test
    void aQueuesOwnRulesWinOverTheDefaults() {
        Policy policy = POLICY.withQueue("Support", QueuePolicy.defaults().withMaxWait(Duration.ofHours(2)));

        assertThat(leave(Classifier.classify(waiting(Duration.ofMinutes(90)), policy, NOW))).isEqualTo(LeaveReason.WITHIN_POLICY);
    }

    @Test
    void anEndedConversationIsLeft() {
        Guest ended = Guest.of(new Conversation("c1", Optional.of(NOW.minus(Duration.ofHours(3))), Optional.of(NOW.minusSeconds(60)), List.of(
                leg("cust", Purpose.CUSTOMER, LegState.DISCONNECTED, Duration.ofHours(3), Optional.of(Duration.ofMinutes(1))))));

        assertThat(leave(Classifier.classify(ended, POLICY, NOW))).isEqualTo(LeaveReason.ENDED);
    }

    @Test
    void theSameGuestIsJudgedAlikeFromAnalyticsAndFromTheConversationApi() {
        ConversationDetail detail = detail(Duration.ofMinutes(45), true, 0);
        Conversation api = new Conversation("c1", Optional.of(NOW.minus(Duration.ofMinutes(46))), Optional.empty(), List.of(
                leg("cust", Purpose.CUSTOMER, LegState.CONNECTED, Duration.ofMinutes(46), Optional.empty()),
                leg("acd", Purpose.ACD, LegState.CONNECTED, Duration.ofMinutes(45), Optional.empty()).withQueue("q1", "Support")));

        assertThat(Classifier.classify(Guest.of(detail).withQueueName("Support"), POLICY, NOW))
                .isEqualTo(Classifier.classify(Guest.of(api), POLICY, NOW));
    }

    @Test
    void policiesRefuseNonsense() {
        assertThatThrownBy(() -> QueuePolicy.defaults().withLoop(1, Duration.ofHours(1))).hasMessageContaining("loopPasses");
        assertThatThrownBy(() -> QueuePolicy.defaults().withNearCaps(1.5)).hasMessageContaining("nearCaps");
        assertThatThrownBy(() -> Policy.defaults().withLimit(0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> Durations.parse("30 mins")).hasMessage("'30 mins' is not a duration; write it like 90s, 30m, 2h, 1h30m or 2d");
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    }

    // ---- guests -----------------------------------------------------------------------------------

    private static LeaveReason leave(Verdict v) {
        assertThat(v).isInstanceOf(Verdict.Leave.class);
        return ((Verdict.Leave) v).reason();
    }

    private static Participant leg(String id, Purpose purpose, LegState state, Duration startedAgo, Optional<Duration> endedAgo) {
        return Participant.of(id, purpose, state).withTimes(new LegTimes(Optional.of(NOW.minus(startedAgo)),
                Optional.of(NOW.minus(startedAgo)), endedAgo.map(NOW::minus)));
    }

    private static Guest waiting(Duration waited) {
        return Guest.of(new Conversation("c1", Optional.of(NOW.minus(waited).minusSeconds(5)), Optional.empty(), List.of(
                leg("cust", Purpose.CUSTOMER, LegState.CONNECTED, waited.plusSeconds(5), Optional.empty()),
                leg("flow", Purpose.FLOW, LegState.DISCONNECTED, waited.plusSeconds(5), Optional.of(waited)),
                leg("acd", Purpose.ACD, LegState.CONNECTED, waited, Optional.empty()).withQueue("q1", "Support"))));
    }

    /** {@code passes} queue entries {@code every} apart, the last one waiting now. */
    private static Guest looping(int passes, Duration every) {
        Duration age = every.multipliedBy(passes);
        List<Participant> legs = new ArrayList<>();
        legs.add(leg("cust", Purpose.CUSTOMER, LegState.CONNECTED, age, Optional.empty()));
        for (int i = 0; i < passes; i++) {
            Duration started = age.minus(every.multipliedBy(i));
            boolean last = i == passes - 1;
            legs.add(leg("flow" + i, Purpose.FLOW, LegState.DISCONNECTED, started, Optional.of(started.minusSeconds(5))));
            legs.add(leg("acd" + i, Purpose.ACD, last ? LegState.CONNECTED : LegState.DISCONNECTED, started.minusSeconds(5),
                    last ? Optional.empty() : Optional.of(started.minus(every))).withQueue("q1", "Support"));
        }
        return Guest.of(new Conversation("c1", Optional.of(NOW.minus(age)), Optional.empty(), legs));
    }

    private static Guest orphan(Duration goneAgo) {
        return Guest.of(new Conversation("c1", Optional.of(NOW.minus(Duration.ofMinutes(10))), Optional.empty(), List.of(
                leg("cust", Purpose.CUSTOMER, LegState.DISCONNECTED, Duration.ofMinutes(10), Optional.of(goneAgo)),
                leg("acd", Purpose.ACD, LegState.CONNECTED, Duration.ofMinutes(9), Optional.empty()).withQueue("q1", "Support"))));
    }

    /** Customer connected; flow and queue legs over, the queue leg {@code leftAgo}; plus {@code more} legs. */
    private static Guest stranded(Duration leftAgo, Participant... more) {
        List<Participant> legs = new ArrayList<>(List.of(
                leg("cust", Purpose.CUSTOMER, LegState.CONNECTED, Duration.ofMinutes(40), Optional.empty()),
                leg("flow", Purpose.FLOW, LegState.DISCONNECTED, Duration.ofMinutes(40), Optional.of(Duration.ofMinutes(40).minusSeconds(5))),
                leg("acd", Purpose.ACD, LegState.DISCONNECTED, Duration.ofMinutes(40).minusSeconds(5), Optional.of(leftAgo))
                        .withQueue("q1", "Support")));
        legs.addAll(List.of(more));
        return Guest.of(new Conversation("c1", Optional.of(NOW.minus(Duration.ofMinutes(40))), Optional.empty(), legs));
    }

    /** Customer and queue leg ended {@code goneAgo}, after an agent offer (in {@code agentState}) came. */
    private static Guest goneWhileRinging(Duration goneAgo, LegState agentState) {
        Optional<Duration> agentEnded = agentState == LegState.DISCONNECTED ? Optional.of(goneAgo) : Optional.empty();
        return Guest.of(new Conversation("c1", Optional.of(NOW.minus(Duration.ofMinutes(40))), Optional.empty(), List.of(
                leg("cust", Purpose.CUSTOMER, LegState.DISCONNECTED, Duration.ofMinutes(40), Optional.of(goneAgo)),
                leg("flow", Purpose.FLOW, LegState.DISCONNECTED, Duration.ofMinutes(40), Optional.of(Duration.ofMinutes(40).minusSeconds(5))),
                leg("acd", Purpose.ACD, LegState.DISCONNECTED, Duration.ofMinutes(40).minusSeconds(5), Optional.of(goneAgo))
                        .withQueue("q1", "Support"),
                leg("agent", Purpose.AGENT, agentState, goneAgo.plusSeconds(1), agentEnded).withQueue("q1", "Support"))));
    }

    private static Guest inFlow(Duration quiet) {
        return Guest.of(new Conversation("c1", Optional.of(NOW.minus(quiet)), Optional.empty(), List.of(
                leg("cust", Purpose.CUSTOMER, LegState.CONNECTED, quiet, Optional.empty()),
                leg("flow", Purpose.FLOW, LegState.CONNECTED, quiet, Optional.empty()))));
    }

    /** An analytics record: a customer, and an acd leg waiting {@code waited} (or gone), plus filler segments. */
    private static ConversationDetail detail(Duration waited, boolean customerThere, int extraSegments) {
        Instant start = NOW.minus(waited).minusSeconds(60);
        List<Segment> customerSegments = new ArrayList<>();
        customerSegments.add(new Segment("interact", start, customerThere ? Optional.empty() : Optional.of(start.plusSeconds(120)),
                Optional.empty(), Optional.empty()));
        for (int i = 0; i < extraSegments; i++) {
            customerSegments.add(new Segment("interact", start, Optional.of(start.plusSeconds(1)), Optional.empty(), Optional.empty()));
        }
        return new ConversationDetail("c1", start, Optional.empty(), List.of(
                new DetailParticipant("cust", Purpose.CUSTOMER, "customer", Optional.empty(), Optional.empty(), customerSegments),
                new DetailParticipant("acd", Purpose.ACD, "acd", Optional.empty(), Optional.empty(),
                        List.of(new Segment("interact", NOW.minus(waited), Optional.empty(), Optional.of("q1"), Optional.empty())))));
    }
}
