package dev.unstuck.core.engine;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.conversation.Participant;
import dev.unstuck.core.conversation.LegState;
import dev.unstuck.core.conversation.Purpose;
import static dev.unstuck.core.conversation.LegState.ALERTING;
import static dev.unstuck.core.conversation.LegState.CONNECTED;
import static dev.unstuck.core.conversation.LegState.DISCONNECTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {

    private static final PlanOptions PLAIN = new PlanOptions(false, false);
    private static final PlanOptions FORCE = new PlanOptions(true, false);
    private static final PlanOptions TEARDOWN_WRAPUP = new PlanOptions(false, true);

    private static Participant customer(LegState state) {
        return Participant.of("cust", Purpose.CUSTOMER, state);
    }

    private static Participant flow(String id, LegState state) {
        return Participant.of(id, Purpose.FLOW, state);
    }

    private static Participant acd(String id, LegState state) {
        return Participant.of(id, Purpose.ACD, state).withQueue("q1", "Support");
    }

    private static Participant agent(LegState state) {
        return Participant.of("agent", Purpose.AGENT, state).withUser("u1", "Ana Agent");
    }

    private static Participant agentInAcw() {
        return agent(DISCONNECTED).withWrapup(true, true);
    }

    private static Conversation conversation(Participant... legs) {
        return new Conversation("c1", Optional.of(Instant.parse("2026-11-24T18:00:00Z")), Optional.empty(), Arrays.asList(legs));
    }

    /** Plans written as the leg ids in order, or the skip reason. */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("waiting: queue leg before the customer", PLAIN,
                        conversation(customer(CONNECTED), flow("flow", DISCONNECTED), acd("acd", CONNECTED)),
                        "acd cust"),
                Arguments.of("looping: the live queue leg, then the live flow, then the customer", PLAIN,
                        conversation(customer(CONNECTED), flow("flow1", DISCONNECTED), acd("acd1", DISCONNECTED),
                                flow("flow2", CONNECTED), acd("acd2", CONNECTED)),
                        "acd2 flow2 cust"),
                Arguments.of("orphaned: only the queue leg is left", PLAIN,
                        conversation(customer(DISCONNECTED), flow("flow", DISCONNECTED), acd("acd", CONNECTED)),
                        "acd"),
                Arguments.of("live agent: skipped", PLAIN,
                        conversation(customer(CONNECTED), flow("flow", DISCONNECTED), acd("acd", DISCONNECTED), agent(CONNECTED)),
                        "LIVE_AGENT"),
                Arguments.of("live agent, forced: agent before customer", FORCE,
                        conversation(customer(CONNECTED), flow("flow", DISCONNECTED), acd("acd", DISCONNECTED), agent(CONNECTED)),
                        "agent cust"),
                Arguments.of("offered: queue leg, then the unanswered offer, then the customer", PLAIN,
                        conversation(customer(CONNECTED), flow("flow", DISCONNECTED), acd("acd", CONNECTED), agent(ALERTING)),
                        "acd agent cust"),
                Arguments.of("acw: the customer only; the agent's pending wrap-up is never patched", PLAIN,
                        conversation(customer(CONNECTED), flow("flow", DISCONNECTED), acd("acd", DISCONNECTED), agentInAcw()),
                        "cust"),
                Arguments.of("acw with the teardown policy: the customer, then a teardown for the wrap-up", TEARDOWN_WRAPUP,
                        conversation(customer(CONNECTED), flow("flow", DISCONNECTED), acd("acd", DISCONNECTED), agentInAcw()),
                        "cust TEARDOWN"),
                Arguments.of("only wrap-up pending: skipped", PLAIN,
                        conversation(customer(DISCONNECTED), acd("acd", DISCONNECTED), agentInAcw()),
                        "ONLY_WRAPUP_PENDING"),
                Arguments.of("only wrap-up pending, teardown policy: a teardown alone", TEARDOWN_WRAPUP,
                        conversation(customer(DISCONNECTED), acd("acd", DISCONNECTED), agentInAcw()),
                        "TEARDOWN"),
                Arguments.of("ended: every leg disconnected", PLAIN,
                        conversation(customer(DISCONNECTED), flow("flow", DISCONNECTED), acd("acd", DISCONNECTED)),
                        "ALREADY_ENDED"),
                Arguments.of("ended: forcing does not resurrect it", FORCE,
                        conversation(customer(DISCONNECTED), acd("acd", DISCONNECTED)),
                        "ALREADY_ENDED"),
                Arguments.of("stranded with a ringing offer: the offer first, then the customer", PLAIN,
                        conversation(customer(CONNECTED), flow("flow", DISCONNECTED), acd("acd", DISCONNECTED), agent(ALERTING)),
                        "agent cust"),
                Arguments.of("stranded, the offer withdrawn: the customer alone", PLAIN,
                        conversation(customer(CONNECTED), flow("flow", DISCONNECTED), acd("acd", DISCONNECTED), agent(DISCONNECTED)),
                        "cust"),
                Arguments.of("guest gone, an offer rings on: the offer", PLAIN,
                        conversation(customer(DISCONNECTED), flow("flow", DISCONNECTED), acd("acd", DISCONNECTED), agent(ALERTING)),
                        "agent"),
                Arguments.of("still in the inbound flow: flow before the customer", PLAIN,
                        conversation(customer(CONNECTED), flow("flow", CONNECTED)),
                        "flow cust"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void plansEveryKindOfConversation(String kind, PlanOptions options, Conversation conversation, String expected) {
        assertThat(render(Planner.plan(conversation, options))).isEqualTo(expected);
    }

    @Test
    void aConversationWithAnEndTimeIsEndedWhateverItsLegsSay() {
        Conversation conversation = new Conversation("c1", Optional.empty(), Optional.of(Instant.parse("2026-11-24T18:00:00Z")),
                List.of(customer(CONNECTED)));

        assertThat(Planner.plan(conversation, PLAIN)).isEqualTo(new Plan.Skip(SkipReason.ALREADY_ENDED));
    }

    @Test
    void theDryRunCallIsTheExactPatchOfTheLeg() {
        Step step = new Step.DisconnectLeg(acd("p-9", CONNECTED));

        assertThat(step.httpCall("c-1"))
                .isEqualTo("PATCH /api/v2/conversations/messages/c-1/participants/p-9 {\"state\":\"disconnected\"}");
        assertThat(new Step.Teardown("why").httpCall("c-1")).isEqualTo("POST /api/v2/conversations/c-1/disconnect");
    }

    @Test
    void everySkipReasonReadsAsASentence() {
        for (SkipReason reason : SkipReason.values()) {
            assertThat(reason.sentence()).endsWith(".").hasSizeGreaterThan(20);
        }
    }

    private static String render(Plan plan) {
        if (plan instanceof Plan.Skip skip) {
            return skip.reason().name();
        }
        return String.join(" ", ((Plan.Steps) plan).steps().stream()
                .map(s -> s instanceof Step.DisconnectLeg leg ? leg.leg().id() : "TEARDOWN").toList());
    }
}
