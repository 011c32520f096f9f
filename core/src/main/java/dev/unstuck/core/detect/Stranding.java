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
 * Whether a conversation was left behind ("stranded"): it is not over, yet nothing holds it, no queue,
 * flow or connected agent leg; an agent offer that rings holds nothing. Two shapes: the customer leg is
 * still there (an ending stopped between its steps: a 500 or a timeout on the customer leg, a killed
 * process), or the customer is gone and only a ringing offer keeps the conversation open (an offer that
 * arrived between an ending's look and its acts, whose own end then failed). Nothing in the platform is
 * documented to withdraw such an offer (docs/fidelity.md). A leg pending wrap-up keeps the conversation
 * out: after-call work is the agent's.
 */
final class Stranding {

    private Stranding() {
    }

    /** From the conversation API: when the last leg that held it ended, or empty when something holds it (or nothing rings). */
    static Optional<Instant> of(Conversation c, Instant start) {
        List<Participant> legs = c.participants();
        Optional<Participant> customer = legs.stream().filter(p -> p.purpose() == Purpose.CUSTOMER).findFirst();
        if (customer.isEmpty() || legs.stream().anyMatch(Participant::wrapupPending)) {
            return Optional.empty();
        }
        boolean held = legs.stream().filter(p -> p.purpose() != Purpose.CUSTOMER && p.active()).anyMatch(p -> !ringing(p));
        if (held) {
            return Optional.empty();
        }
        if (customer.get().active()) {
            return Optional.of(latestEnd(legs.stream().filter(p -> p.purpose() != Purpose.CUSTOMER).toList(), start));
        }
        // The customer is gone: only a ringing offer keeps the conversation open, stranded since the guest's last leg ended.
        boolean rings = legs.stream().anyMatch(p -> p.active() && ringing(p));
        return rings ? Optional.of(latestEnd(legs.stream().filter(p -> !ringing(p)).toList(), start)) : Optional.empty();
    }

    /**
     * From an analytics record. Any open segment of another leg counts as holding the guest (an open
     * {@code alert} of an agent excepted), so unclosed segments, which real records are known to keep,
     * can only hide a guest whose customer is there, never make a held one look stranded. With the
     * customer gone, an unclosed {@code alert} is what makes the record look stranded: the engine's look
     * at the conversation decides (a record that never closed is an analytics ghost, remembered).
     */
    static Optional<Instant> of(ConversationDetail d) {
        List<DetailParticipant> legs = d.participants();
        Optional<DetailParticipant> customer = legs.stream().filter(p -> p.purpose() == Purpose.CUSTOMER).findFirst();
        if (customer.isEmpty()) {
            return Optional.empty();
        }
        boolean rings = false;
        for (DetailParticipant p : legs) {
            if (p.purpose() == Purpose.CUSTOMER) {
                continue;
            }
            for (Segment s : p.segments()) {
                boolean alert = p.purpose() == Purpose.AGENT && s.type().equals("alert");
                if (s.end().isEmpty() && !alert) {
                    return Optional.empty();
                }
                rings |= s.end().isEmpty() && alert;
            }
        }
        boolean customerThere = customer.get().open();
        if (!customerThere && !rings) {
            return Optional.empty();
        }
        return Optional.of(legs.stream().filter(p -> !customerThere || p.purpose() != Purpose.CUSTOMER)
                .flatMap(p -> p.segments().stream()).flatMap(s -> s.end().stream())
                .max(Comparator.naturalOrder()).orElse(d.start()));
    }

    private static boolean ringing(Participant p) {
        return p.purpose() == Purpose.AGENT && p.state() == LegState.ALERTING;
    }

    private static Instant latestEnd(List<Participant> legs, Instant start) {
        return legs.stream().flatMap(p -> p.times().end().stream()).max(Comparator.naturalOrder()).orElse(start);
    }
}
