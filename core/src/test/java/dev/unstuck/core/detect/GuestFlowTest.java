package dev.unstuck.core.detect;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.conversation.LegState;
import dev.unstuck.core.conversation.Participant;
import dev.unstuck.core.conversation.Purpose;
import dev.unstuck.core.engine.Detection;
import dev.unstuck.core.genesys.ConversationDetail;
import dev.unstuck.core.genesys.ConversationDetail.DetailParticipant;
import dev.unstuck.core.genesys.ConversationDetail.Segment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Architect flow a guest bounced through, as each source tells it, and what of it the audit is given. */
class GuestFlowTest {
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final Instant T0 = NOW.minus(Duration.ofMinutes(20));

    /** A looper: the inbound flow, then {@code passes - 1} passes through the queue's in-queue flow, waiting in q1 now. */
    static ConversationDetail looper(int passes) {
        List<DetailParticipant> legs = new ArrayList<>();
        legs.add(new DetailParticipant("cust", Purpose.CUSTOMER, "customer", Optional.empty(), Optional.empty(),
                List.of(new Segment("interact", T0, Optional.empty(), Optional.empty(), Optional.empty()))));
        for (int i = 0; i < passes; i++) {
            Instant start = T0.plus(Duration.ofMinutes(5L * i));
            boolean first = i == 0;
            legs.add(new DetailParticipant("flow-" + i, Purpose.FLOW, "workflow", Optional.empty(),
                    Optional.of(first ? "Inbound" : "Support loop"),
                    List.of(new Segment("interact", start, Optional.of(start.plusSeconds(5)), Optional.empty(), Optional.of("transfer"))),
                    Optional.of(first ? "f-inbound" : "f-loop"), Optional.of(first ? "Inbound" : "Support loop")));
            boolean last = i == passes - 1;
            legs.add(new DetailParticipant("acd-" + i, Purpose.ACD, "acd", Optional.empty(), Optional.empty(),
                    List.of(new Segment("interact", start.plusSeconds(5), last ? Optional.empty() : Optional.of(start.plusSeconds(300)),
                            Optional.of("q1"), last ? Optional.empty() : Optional.of("transfer")))));
        }
        return new ConversationDetail("c1", T0, Optional.empty(), legs);
    }

    @Test
    void fromAnalyticsTheGuestNamesTheFlowOfItsLatestFlowLeg() {
        Guest guest = Guest.of(looper(4));

        assertThat(guest.flowId()).hasValue("f-loop");
        assertThat(guest.flowName()).hasValue("Support loop");
        assertThat(guest.passes()).isEqualTo(4);
    }

    @Test
    void aLoopingFindingGivesTheAuditItsRuleQueueFlowPassesAndWait() {
        Guest guest = Guest.of(looper(4)).withQueueName("Support");
        Finding finding = new Finding(guest, Classifier.classify(guest, Policy.defaults(), NOW));

        Detection found = finding.detection();

        assertThat(found.rule()).isEqualTo("looping");
        assertThat(found.flowId()).hasValue("f-loop");
        assertThat(found.flowName()).hasValue("Support loop");
        assertThat(found.queueId()).hasValue("q1");
        assertThat(found.queueName()).hasValue("Support");
        assertThat(found.passes()).isEqualTo(4);
        assertThat(found.waitingSince()).hasValue(T0.plus(Duration.ofMinutes(15)).plusSeconds(5));
    }

    @Test
    void fromTheConversationApiOnlyTheFlowLegsNameIsKnownAndTheScansFlowIdIsKept() {
        Participant.LegTimes ended = new Participant.LegTimes(Optional.of(T0), Optional.of(T0), Optional.of(T0.plusSeconds(5)));
        Participant.LegTimes open = new Participant.LegTimes(Optional.of(T0.plusSeconds(5)), Optional.of(T0.plusSeconds(5)), Optional.empty());
        Conversation fresh = new Conversation("c1", Optional.of(T0), Optional.empty(), List.of(
                new Participant("cust", Purpose.CUSTOMER, LegState.CONNECTED, Optional.empty(), Optional.empty(), Optional.empty(), false,
                        false, Optional.empty(), "customer", open),
                new Participant("flow", Purpose.FLOW, LegState.DISCONNECTED, Optional.empty(), Optional.empty(), Optional.of("Support loop"),
                        false, false, Optional.empty(), "workflow", ended),
                new Participant("acd", Purpose.ACD, LegState.CONNECTED, Optional.of("q1"), Optional.empty(), Optional.empty(), false, false,
                        Optional.of("Support"), "acd", open)));

        Guest streamed = Guest.of(fresh);
        Guest scanned = Guest.of(looper(4));

        assertThat(streamed.flowId()).isEmpty();
        assertThat(streamed.flowName()).hasValue("Support loop");
        assertThat(streamed.knowingFlowOf(scanned).flowId()).hasValue("f-loop");
        Guest elsewhere = Guest.of(new Conversation("c1", Optional.of(T0), Optional.empty(), List.of(fresh.participants().get(0),
                new Participant("flow", Purpose.FLOW, LegState.DISCONNECTED, Optional.empty(), Optional.empty(), Optional.of("Other flow"),
                        false, false, Optional.empty(), "workflow", ended), fresh.participants().get(2))));
        assertThat(elsewhere.knowingFlowOf(scanned).flowId()).as("another flow's id is not borrowed").isEmpty();
    }
}
