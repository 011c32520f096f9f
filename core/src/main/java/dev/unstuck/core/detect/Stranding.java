package dev.unstuck.core.detect;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.conversation.LegState;
import dev.unstuck.core.conversation.Participant;
import dev.unstuck.core.conversation.Purpose;
import dev.unstuck.core.genesys.ConversationDetail;
import dev.unstuck.core.genesys.ConversationDetail.DetailParticipant;
import dev.unstuck.core.genesys.ConversationDetail.Segment;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether a guest was left behind ("stranded"): the customer leg is still there while nothing holds it,
 * no queue, flow or connected agent leg. An ending stopped between its steps leaves exactly this (a 500
 * or a timeout on the customer leg, a killed process), and so does an agent offer that arrived after the
 * queue leg ended: an offer that rings or was withdrawn holds nothing. A leg pending wrap-up keeps the
 * conversation out: after-call work is the agent's.
 */
final class Stranding {

    private Stranding() {
    }

    /** From the conversation API: when the last leg that held the guest ended, or empty when something holds it. */
    static Optional<Instant> of(Conversation c, Instant start) {
        List<Participant> legs = c.participants();
        boolean customerThere = legs.stream().anyMatch(p -> p.purpose() == Purpose.CUSTOMER && p.active());
        if (!customerThere || legs.stream().anyMatch(Participant::wrapupPending)) {
            return Optional.empty();
        }
        boolean held = legs.stream().filter(p -> p.purpose() != Purpose.CUSTOMER && p.active())
                .anyMatch(p -> !(p.purpose() == Purpose.AGENT && p.state() == LegState.ALERTING));
        if (held) {
            return Optional.empty();
        }
        return Optional.of(legs.stream().filter(p -> p.purpose() != Purpose.CUSTOMER)
                .flatMap(p -> p.times().end().stream()).max(Comparator.naturalOrder()).orElse(start));
    }

    /**
     * From an analytics record. Any open segment of another leg counts as holding the guest (an open
     * {@code alert} of an agent excepted), so unclosed segments, which real records are known to keep,
     * can only hide a stranded guest, never make a held one look stranded.
     */
    static Optional<Instant> of(ConversationDetail d) {
        List<DetailParticipant> legs = d.participants();
        boolean customerThere = legs.stream().anyMatch(p -> p.purpose() == Purpose.CUSTOMER && p.open());
        if (!customerThere) {
            return Optional.empty();
        }
        for (DetailParticipant p : legs) {
            if (p.purpose() == Purpose.CUSTOMER) {
                continue;
            }
            for (Segment s : p.segments()) {
                boolean ringing = p.purpose() == Purpose.AGENT && s.type().equals("alert");
                if (s.end().isEmpty() && !ringing) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(legs.stream().filter(p -> p.purpose() != Purpose.CUSTOMER)
                .flatMap(p -> p.segments().stream()).flatMap(s -> s.end().stream())
                .max(Comparator.naturalOrder()).orElse(d.start()));
    }
}
