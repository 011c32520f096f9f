package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.conversation.LegState;
import dev.unstuck.core.conversation.Participant;
import dev.unstuck.core.conversation.Participant.LegTimes;
import dev.unstuck.core.conversation.Purpose;
import dev.unstuck.core.engine.EndRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the watch asks of a guest between two events about it, and what it asks the engine for each one found. */
class GuestTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void anEventThatRepeatsTheSameLegsIsNotNewsButASecondQueuePassIs() {
        Guest seen = Guest.of(conversation(leg("acd", LegState.CONNECTED, 20)));
        Guest repeated = Guest.of(conversation(leg("acd", LegState.CONNECTED, 20)));
        Guest requeued = Guest.of(conversation(leg("acd", LegState.DISCONNECTED, 20).withTimes(times(20, Optional.of(5))),
                leg("acd2", LegState.CONNECTED, 5)));

        assertThat(seen.sameState(repeated)).isTrue();
        assertThat(seen.sameState(requeued)).isFalse();
    }

    @Test
    void aStrandedGuestKnownEndedKeepsItsLegsButIsNoLongerStranded() {
        Guest stranded = Guest.of(conversation(leg("acd", LegState.DISCONNECTED, 20).withTimes(times(20, Optional.of(5)))));

        Guest ended = stranded.asEnded();

        assertThat(stranded.strandedSince()).isPresent();
        assertThat(ended.ended()).isTrue();
        assertThat(ended.strandedSince()).isEmpty();
        assertThat(ended.sameState(stranded)).isTrue();
    }

    @Test
    void eachGuestsAuditReasonAddsTheRuleItCrossedToWhyTheUserAsked() {
        Guest guest = Guest.of(conversation(leg("acd", LegState.CONNECTED, 40)));
        Finding finding = new Finding(guest, new Verdict.End(Reason.STUCK, "waiting 40m in Support (maxWait 30m)"));

        EndRequest asked = new Mandate(false, "nightly sweep", "ops@example").endRequest(finding, Policy.defaults());
        EndRequest ruleOnly = new Mandate(true, "", "ops@example").endRequest(finding, Policy.defaults());
        EndRequest finishing = new Mandate(true, "nightly sweep", "ops@example").finishing(finding, Policy.defaults(), "a leg still open");

        assertThat(asked.reason()).isEqualTo("nightly sweep (stuck: waiting 40m in Support (maxWait 30m))");
        assertThat(asked.requestedBy()).isEqualTo("ops@example");
        assertThat(ruleOnly.reason()).isEqualTo("stuck: waiting 40m in Support (maxWait 30m)");
        assertThat(ruleOnly.dryRun()).isTrue();
        assertThat(finishing.dryRun()).as("finishing an ending is never a dry run").isFalse();
        assertThat(finishing.reason()).endsWith("; finishing: a leg still open");
    }

    private static Conversation conversation(Participant... queueLegs) {
        List<Participant> legs = new java.util.ArrayList<>(List.of(Participant.of("cust", Purpose.CUSTOMER, LegState.CONNECTED)
                .withTimes(times(60, Optional.empty()))));
        for (Participant p : queueLegs) {
            legs.add(p.withQueue("q1", "Support"));
        }
        return new Conversation("c1", Optional.of(NOW.minus(Duration.ofMinutes(60))), Optional.empty(), legs);
    }

    private static Participant leg(String id, LegState state, int startedMinutesAgo) {
        return Participant.of(id, Purpose.ACD, state).withTimes(times(startedMinutesAgo, Optional.empty()));
    }

    private static LegTimes times(int startedMinutesAgo, Optional<Integer> endedMinutesAgo) {
        Instant start = NOW.minus(Duration.ofMinutes(startedMinutesAgo));
        return new LegTimes(Optional.of(start), Optional.of(start), endedMinutesAgo.map(m -> NOW.minus(Duration.ofMinutes(m))));
    }
}
