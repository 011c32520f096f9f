package dev.unstuck.core.detect;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.conversation.LegState;
import dev.unstuck.core.conversation.Participant;
import dev.unstuck.core.conversation.Purpose;
import dev.unstuck.core.genesys.ConversationDetail;
import dev.unstuck.core.genesys.ConversationDetail.DetailParticipant;
import dev.unstuck.core.genesys.ConversationDetail.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * What detection knows of one web-messaging guest, whichever source told it (an analytics record, the
 * conversation API, a queue topic event): the facts the rules of {@link QueuePolicy} look at.
 *
 * @param waitingSince when the current queue wait began (an active {@code acd} leg), empty when not in a queue
 * @param inFlow a flow leg is active (between two queue passes)
 * @param customerGoneAt when the customer leg ended, empty while the customer is there
 * @param queueEntries when each {@code acd} leg began, oldest first: one per queue pass
 * @param flowEntries when each flow leg began, oldest first: one per flow pass
 * @param segments how many analytics segments the conversation has (empty when the source does not say)
 * @param lastActivity the latest moment a leg joined, was answered or ended
 * @param strandedSince when the guest was left behind: no queue, flow or connected agent leg holds the
 *                      conversation (an agent offer that rings or was withdrawn holds nothing), no agent is pending
 *                      wrap-up, and either the customer leg is still there or it is gone while an agent offer rings
 *                      on; the moment the last leg that held it ended. Empty otherwise.
 * @param lastCustomerMessage when the guest last wrote (the customer leg's latest {@code messageTime});
 *     empty when the source lists no messages (analytics, or a conversation without them)
 * @param flowId the Architect flow of the latest flow leg: analytics names it ({@code sessions[].flow.flowId});
 *     the conversation API does not, so it is empty there
 * @param flowName that flow's name: analytics' {@code flow.flowName}, or the conversation API's name of the flow leg
 */
public record Guest(String conversationId, Instant start, boolean ended, Optional<String> queueId, Optional<String> queueName,
                    Optional<Instant> waitingSince, boolean inFlow, Optional<Instant> customerGoneAt, List<Instant> queueEntries,
                    List<Instant> flowEntries, int communications, OptionalInt segments, boolean liveAgent, Instant lastActivity,
                    Optional<Instant> strandedSince, Optional<Instant> lastCustomerMessage, Optional<String> flowId,
                    Optional<String> flowName) {

    public Guest {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(queueName, "queueName");
        Objects.requireNonNull(waitingSince, "waitingSince");
        Objects.requireNonNull(customerGoneAt, "customerGoneAt");
        queueEntries = List.copyOf(queueEntries);
        flowEntries = List.copyOf(flowEntries);
        Objects.requireNonNull(segments, "segments");
        Objects.requireNonNull(lastActivity, "lastActivity");
        Objects.requireNonNull(strandedSince, "strandedSince");
        Objects.requireNonNull(lastCustomerMessage, "lastCustomerMessage");
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(flowName, "flowName");
    }

    /** A guest whose messages are unknown. */
    public Guest(String conversationId, Instant start, boolean ended, Optional<String> queueId, Optional<String> queueName,
                 Optional<Instant> waitingSince, boolean inFlow, Optional<Instant> customerGoneAt, List<Instant> queueEntries,
                 List<Instant> flowEntries, int communications, OptionalInt segments, boolean liveAgent, Instant lastActivity,
                 Optional<Instant> strandedSince) {
        this(conversationId, start, ended, queueId, queueName, waitingSince, inFlow, customerGoneAt, queueEntries, flowEntries,
                communications, segments, liveAgent, lastActivity, strandedSince, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** From the conversation API (or a queue topic event, which carries the same participants). */
    public static Guest of(Conversation c) {
        List<Participant> legs = c.participants();
        Instant start = c.startTime().or(() -> legs.stream().flatMap(p -> p.times().start().stream()).min(Comparator.naturalOrder()))
                .orElse(Instant.EPOCH);
        List<Participant> acd = legs.stream().filter(p -> p.purpose() == Purpose.ACD).toList();
        Optional<Participant> waiting = acd.stream().filter(Participant::active).reduce((a, b) -> b);
        Optional<Participant> latestQueue = waiting.or(() -> acd.stream().reduce((a, b) -> b));
        List<Instant> entries = acd.stream().flatMap(p -> p.times().start().or(() -> p.times().connected()).stream()).sorted().toList();
        Instant lastActivity = legs.stream()
                .flatMap(p -> Stream.of(p.times().start(), p.times().connected(), p.times().end()).flatMap(Optional::stream))
                .max(Comparator.naturalOrder()).orElse(start);
        Optional<Participant> customer = legs.stream().filter(p -> p.purpose() == Purpose.CUSTOMER).findFirst();
        Optional<Instant> customerGone = customer.filter(p -> !p.active()).map(p -> p.times().end().orElse(lastActivity));
        // The conversation API names a flow leg (its display name) but gives no flow id.
        Optional<Participant> latestFlow = legs.stream().filter(p -> p.purpose() == Purpose.FLOW).reduce((a, b) -> b);
        return new Guest(c.id(), start, c.ended(),
                latestQueue.flatMap(Participant::queueId), latestQueue.flatMap(Participant::queueName),
                waiting.map(p -> p.times().start().or(() -> p.times().connected()).orElse(lastActivity)),
                legs.stream().anyMatch(p -> p.purpose() == Purpose.FLOW && p.active()),
                customerGone, entries,
                legs.stream().filter(p -> p.purpose() == Purpose.FLOW)
                        .flatMap(p -> p.times().start().or(() -> p.times().connected()).stream()).sorted().toList(),
                legs.size(), OptionalInt.empty(),
                legs.stream().anyMatch(p -> p.purpose() == Purpose.AGENT && p.state() == LegState.CONNECTED),
                lastActivity, c.ended() ? Optional.empty() : Stranding.of(c, start), customer.flatMap(Participant::lastMessage),
                Optional.empty(), latestFlow.flatMap(Participant::name));
    }

    /** From an analytics details record. */
    public static Guest of(ConversationDetail d) {
        List<DetailParticipant> legs = d.participants();
        List<DetailParticipant> acd = legs.stream().filter(p -> p.purpose() == Purpose.ACD).toList();
        Optional<Segment> waitingSegment = acd.stream()
                .flatMap(p -> p.segments().stream())
                .filter(s -> s.type().equals("interact") && s.end().isEmpty())
                .reduce((a, b) -> b);
        Optional<Segment> latestQueueSegment = waitingSegment.or(() -> acd.stream().flatMap(p -> p.segments().stream())
                .filter(s -> s.queueId().isPresent()).reduce((a, b) -> b));
        List<Instant> entries = new ArrayList<>();
        for (DetailParticipant p : acd) {
            p.segments().stream().map(Segment::start).min(Comparator.naturalOrder()).ifPresent(entries::add);
        }
        entries.sort(Comparator.naturalOrder());
        Instant lastActivity = legs.stream().flatMap(p -> p.segments().stream())
                .flatMap(s -> Stream.concat(Stream.of(s.start()), s.end().stream()))
                .max(Comparator.naturalOrder()).orElse(d.start());
        Optional<Instant> customerGone = legs.stream().filter(p -> p.purpose() == Purpose.CUSTOMER).findFirst()
                .filter(p -> !p.open())
                .map(p -> p.segments().stream().flatMap(s -> s.end().stream()).max(Comparator.naturalOrder()).orElse(lastActivity));
        Optional<DetailParticipant> latestFlow = legs.stream().filter(p -> p.purpose() == Purpose.FLOW)
                .max(Comparator.comparing((DetailParticipant p) -> p.segments().stream().map(Segment::start)
                        .min(Comparator.naturalOrder()).orElse(Instant.EPOCH)));
        return new Guest(d.conversationId(), d.start(), d.end().isPresent(),
                latestQueueSegment.flatMap(Segment::queueId), Optional.empty(),
                waitingSegment.map(Segment::start),
                legs.stream().anyMatch(p -> p.purpose() == Purpose.FLOW && p.open()),
                customerGone, entries,
                legs.stream().filter(p -> p.purpose() == Purpose.FLOW)
                        .flatMap(p -> p.segments().stream().map(Segment::start).min(Comparator.naturalOrder()).stream()).sorted().toList(),
                legs.size(), OptionalInt.of(legs.stream().mapToInt(p -> p.segments().size()).sum()),
                // Not from analytics: orphans keep unclosed agent segments too (the field's trap), and a
                // blanket guard on them skips exactly the orphans. The engine's look sees the leg's real
                // state, and its planner keeps live agents.
                false, lastActivity, d.end().isPresent() ? Optional.empty() : Stranding.of(d), Optional.empty(),
                latestFlow.flatMap(DetailParticipant::flowId), latestFlow.flatMap(DetailParticipant::flowName));
    }

    public Guest withQueueName(String name) {
        return new Guest(conversationId, start, ended, queueId, Optional.of(name), waitingSince, inFlow, customerGoneAt, queueEntries,
                flowEntries, communications, segments, liveAgent, lastActivity, strandedSince, lastCustomerMessage, flowId, flowName);
    }

    /**
     * This guest, with the flow id {@code earlier} knew: the conversation API (queue events) names a flow leg but
     * gives no flow id, which an analytics record of the same flow leg gave.
     */
    public Guest knowingFlowOf(Guest earlier) {
        if (flowId.isPresent() || earlier.flowId().isEmpty() || flowName.isPresent() && !flowName.equals(earlier.flowName())) {
            return this;
        }
        return new Guest(conversationId, start, ended, queueId, queueName, waitingSince, inFlow, customerGoneAt, queueEntries,
                flowEntries, communications, segments, liveAgent, lastActivity, strandedSince, lastCustomerMessage, earlier.flowId(),
                earlier.flowName());
    }

    /** The same guest, known to have ended (events still in flight about it are not news). */
    public Guest asEnded() {
        return new Guest(conversationId, start, true, queueId, queueName, waitingSince, inFlow, customerGoneAt, queueEntries,
                flowEntries, communications, segments, liveAgent, lastActivity, Optional.empty(), lastCustomerMessage, flowId, flowName);
    }

    /** The same legs in the same places: an event about {@code other} that only repeats what was already seen of this guest. */
    public boolean sameState(Guest other) {
        return waitingSince.equals(other.waitingSince) && inFlow == other.inFlow && customerGoneAt.equals(other.customerGoneAt)
                && queueEntries.equals(other.queueEntries) && liveAgent == other.liveAgent && flowEntries.equals(other.flowEntries)
                && lastCustomerMessage.equals(other.lastCustomerMessage);
    }

    public int flowPasses() {
        return flowEntries.size();
    }

    /** How often the guest bounced: queue entries or flow entries, whichever are more. */
    public int passes() {
        return Math.max(queueEntries.size(), flowEntries.size());
    }

    /** Waiting in a queue or held by a flow: something still holds the guest's place. */
    public boolean held() {
        return waitingSince.isPresent() || inFlow;
    }
}
