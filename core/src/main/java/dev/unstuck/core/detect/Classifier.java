package dev.unstuck.core.detect;

import dev.unstuck.core.detect.Verdict.LeaveReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies a {@link Policy} to one {@link Guest} at one moment. Pure: the same guest, policy and moment
 * give the same verdict, whichever source the guest came from, so the engine's fresh look can be
 * judged by the very rule that found it.
 *
 * <p>The order is the safety order: an ended, young, barred or agent-held conversation is left before
 * any rule is asked; then orphaned, stranded, looping, stuck, idle.
 */
public final class Classifier {

    /**
     * Genesys ends a conversation itself at 100 communications or 250 segments; at 10 in-queue flows
     * Architect opens no more flows and the guest waits on, stuck for good (docs/genesys-api.md).
     */
    static final int CAP_FLOWS = 10;
    static final int CAP_COMMUNICATIONS = 100;
    static final int CAP_SEGMENTS = 250;

    private Classifier() {
    }

    public static Verdict classify(Guest guest, Policy policy, Instant now) {
        QueuePolicy rules = policy.rulesFor(guest.queueId(), guest.queueName());
        String queue = guest.queueName().or(guest::queueId).orElse("no queue");
        if (guest.ended()) {
            return new Verdict.Leave(LeaveReason.ENDED, "the conversation has ended");
        }
        Duration age = Duration.between(guest.start(), now);
        if (age.compareTo(rules.minAge()) < 0) {
            return new Verdict.Leave(LeaveReason.TOO_YOUNG, "open " + Durations.text(age) + ", under minAge " + Durations.text(rules.minAge()));
        }
        Optional<LeaveReason> barred = policy.barred(guest.queueId(), guest.queueName());
        if (barred.isPresent()) {
            return new Verdict.Leave(barred.get(), barred.get() == LeaveReason.QUEUE_DENIED
                    ? "queue " + queue + " is on the deny list" : "queue " + queue + " is not on the allow list");
        }
        if (guest.liveAgent() && !policy.force()) {
            return new Verdict.Leave(LeaveReason.LIVE_AGENT, "an agent is connected to the guest");
        }
        if (guest.held() && guest.customerGoneAt().isPresent()) {
            Duration gone = Duration.between(guest.customerGoneAt().get(), now);
            if (gone.compareTo(rules.orphanAfter()) >= 0) {
                return new Verdict.End(Reason.ORPHANED, "customer gone " + Durations.text(gone) + ", "
                        + (guest.waitingSince().isPresent() ? "queue leg in " + queue + " still waiting" : "flow leg still held"));
            }
        }
        Optional<Verdict> stranded = stranded(guest, rules, queue, now);
        if (stranded.isPresent()) {
            return stranded.get();
        }
        Optional<String> loop = loop(guest, rules, now);
        if (guest.held() && loop.isPresent()) {
            return new Verdict.End(Reason.LOOPING, loop.get());
        }
        if (guest.waitingSince().isPresent()) {
            Duration waited = Duration.between(guest.waitingSince().get(), now);
            if (waited.compareTo(rules.maxWait()) > 0) {
                return new Verdict.End(Reason.STUCK, "waiting " + Durations.text(waited) + " in " + queue
                        + " (maxWait " + Durations.text(rules.maxWait()) + ")");
            }
        }
        if (rules.idleAfter().isPresent()) {
            // The rule teams write by hand: no message from the guest for so long; without messages, no leg activity.
            Duration idle = Duration.between(guest.lastCustomerMessage().orElse(guest.lastActivity()), now);
            if (idle.compareTo(rules.idleAfter().get()) >= 0) {
                return new Verdict.End(Reason.IDLE, (guest.lastCustomerMessage().isPresent() ? "no message from the guest for "
                        : "nothing happened for ") + Durations.text(idle) + " (idleAfter " + Durations.text(rules.idleAfter().get()) + ")");
            }
        }
        if (!guest.held()) {
            return new Verdict.Leave(LeaveReason.NOT_IN_QUEUE, "not waiting in a queue or a flow");
        }
        return new Verdict.Leave(LeaveReason.WITHIN_POLICY, guest.waitingSince()
                .map(since -> "waiting " + Durations.text(Duration.between(since, now)) + " in " + queue + ", within policy")
                .orElse("in a flow, within policy"));
    }

    /**
     * Left behind: nothing holds the conversation, yet it is not over (see {@link Stranding}): the customer
     * is still there, or the customer is gone and only an agent offer rings. It shares {@code orphanAfter}
     * with the orphan rule: both wait out a moment in which Genesys may still be moving the guest (an agent
     * answering, another run finishing its ending).
     */
    private static Optional<Verdict> stranded(Guest guest, QueuePolicy rules, String queue, Instant now) {
        if (guest.strandedSince().isEmpty()) {
            return Optional.empty();
        }
        Duration left = Duration.between(guest.strandedSince().get(), now);
        String where = guest.queueId().isPresent() ? "no longer held by " + queue : "held by no queue or flow";
        String who = guest.customerGoneAt().isPresent() ? "customer gone, an agent offer still ringing, " : "customer still connected, ";
        if (left.compareTo(rules.orphanAfter()) >= 0) {
            return Optional.of(new Verdict.End(Reason.STRANDED, who + where + " for " + Durations.text(left)));
        }
        return Optional.of(new Verdict.Leave(LeaveReason.NOT_IN_QUEUE, who + where + " for "
                + Durations.text(left) + ", under orphanAfter " + Durations.text(rules.orphanAfter())));
    }

    private static Optional<String> loop(Guest guest, QueuePolicy rules, Instant now) {
        Instant from = now.minus(rules.loopWindow());
        long queues = guest.queueEntries().stream().filter(t -> !t.isBefore(from)).count();
        if (queues >= rules.loopPasses()) {
            return Optional.of("entered a queue " + queues + " times in the last " + Durations.text(rules.loopWindow())
                    + " (loopPasses " + rules.loopPasses() + ")");
        }
        // A flow that hands the guest back to a flow never shows in a queue; its passes count alike.
        long flows = guest.flowEntries().stream().filter(t -> !t.isBefore(from)).count();
        if (flows >= rules.loopPasses()) {
            return Optional.of("entered a flow " + flows + " times in the last " + Durations.text(rules.loopWindow())
                    + " (loopPasses " + rules.loopPasses() + ")");
        }
        if (guest.flowPasses() >= near(CAP_FLOWS, rules)) {
            return Optional.of(guest.flowPasses() + " flow passes; Genesys opens no more in-queue flows after " + CAP_FLOWS);
        }
        if (guest.communications() >= near(CAP_COMMUNICATIONS, rules)) {
            return Optional.of(guest.communications() + " communications; Genesys ends it at " + CAP_COMMUNICATIONS);
        }
        if (guest.segments().isPresent() && guest.segments().getAsInt() >= near(CAP_SEGMENTS, rules)) {
            return Optional.of(guest.segments().getAsInt() + " segments; Genesys ends it at " + CAP_SEGMENTS);
        }
        return Optional.empty();
    }

    private static int near(int cap, QueuePolicy rules) {
        return (int) Math.ceil(cap * rules.nearCaps());
    }
}
