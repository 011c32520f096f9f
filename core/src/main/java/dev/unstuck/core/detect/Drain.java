package dev.unstuck.core.detect;

import dev.unstuck.core.genesys.ConversationDetail;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.WaitingNow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Observation-driven draining, for the queues whose newest guests analytics cannot list (too many for
 * the synchronous query, too new for a details job, whose data lake trails by up to two days). Each
 * round asks each queue's observation who waits since when (the oldest 50 are listed), reads those
 * waiting longer than the queue's {@code maxWait} in one details query by conversation id per hundred,
 * judges them by the policy as any scan's guest, hands the ones to end to the engine (which looks again
 * first), and asks again, until the oldest still waiting in each queue is within {@code maxWait}.
 *
 * <p>A sweep runs every round at once ({@link #run}); a watch takes one round at a time ({@link #rounds})
 * between the events of its stream, once the engine has taken up the last round's guests.
 *
 * <p>Only {@code maxWait} finds guests this way: the observation lists who waits, not who loops between
 * flow and queue or was orphaned (those are the stream's and the by-id query's, in the watch). Costs:
 * one observation per queue per round, one query per hundred judged; the engine's calls dominate.
 *
 * <p>A round that lists no guest past {@code maxWait} it has not judged ends the queue's draining: either
 * the oldest waiting is within the policy, or the oldest were left alone (a rule's reason, a dry run) and
 * hide the ones behind them, which is then said.
 */
record Drain(GenesysClient client, AnalyticsScan scan, Clock clock) {
    /** Hands the chosen findings to the engine; the outcomes, in order. */
    interface Act {
        List<SweepReport.Handled> handle(List<Finding> chosen);
    }

    /**
     * @param handled the guests handed to the engine
     * @param overLimit guests that crossed a rule past the run's limit
     * @param left the judged guests no rule selects, each with its reason
     * @param rounds observation rounds asked
     * @param unlisted queues draining could not empty, each with why
     */
    record Result(List<SweepReport.Handled> handled, List<Finding> overLimit, List<Finding> left, int rounds, List<String> unlisted) {
    }

    /**
     * Drains {@code queueIds}, ending at most {@code limit} guests, judged as of {@code now} (the sweep's
     * start, as its scan judged: a guest that crosses {@code maxWait} while the sweep runs is the next run's).
     *
     * @param since the oldest conversation start a by-id query looks for (the scan's lookback)
     * @param scanned the conversations the scan listed (and the sweep judged) already
     */
    Result run(List<String> queueIds, Policy policy, QueueDirectory queues, Instant since, Instant now, Set<String> scanned, int limit,
               Act act) {
        List<SweepReport.Handled> handled = new ArrayList<>();
        List<Finding> left = new ArrayList<>();
        List<Finding> overLimit = new ArrayList<>();
        Rounds rounds = rounds(queueIds, policy, queues, since, scanned);
        while (!rounds.done()) {
            List<Finding> toEnd = new ArrayList<>();
            for (ConversationDetail detail : rounds.next(now)) {
                Guest guest = queues.named(Guest.of(detail));
                Finding finding = new Finding(guest, Classifier.classify(guest, policy, now));
                if (!finding.toEnd()) {
                    left.add(finding);
                } else {
                    (handled.size() + toEnd.size() < limit ? toEnd : overLimit).add(finding);
                }
            }
            handled.addAll(act.handle(toEnd));
            if (handled.size() >= limit) {
                break;
            }
        }
        return new Result(handled, overLimit, left, rounds.asked(), rounds.unlisted());
    }

    /**
     * The rounds that drain {@code queueIds} (those the policy does not bar), one {@link Rounds#next} at a time.
     *
     * @param since the oldest conversation start a by-id query looks for (the scan's lookback)
     * @param judged conversations judged already (the scan's), never read again
     */
    Rounds rounds(Collection<String> queueIds, Policy policy, QueueDirectory queues, Instant since, Set<String> judged) {
        List<String> active = new ArrayList<>();
        for (String queueId : queueIds) {
            if (!active.contains(queueId) && policy.barred(Optional.of(queueId), queues.nameOf(queueId)).isEmpty()) {
                active.add(queueId);
            }
        }
        return new Rounds(policy, queues, since, active, new HashSet<>(judged));
    }

    /**
     * Draining in progress: the queues still drained and the conversations judged so far. Not thread-safe:
     * one sweep or one watch thread.
     */
    final class Rounds {
        private final Policy policy;
        private final QueueDirectory queues;
        private final Instant since;
        private final List<String> active;
        private final Set<String> judged;
        private final List<String> unlisted = new ArrayList<>();
        private int asked;

        private Rounds(Policy policy, QueueDirectory queues, Instant since, List<String> active, Set<String> judged) {
            this.policy = policy;
            this.queues = queues;
            this.since = since;
            this.active = active;
            this.judged = judged;
        }

        /** No queue is left to drain. */
        boolean done() {
            return active.isEmpty();
        }

        /** The queues still drained. */
        List<String> queues() {
            return List.copyOf(active);
        }

        /** Observation rounds asked so far. */
        int asked() {
            return asked;
        }

        /** What draining could not do so far, per queue, each with why (the permission missing, the oldest hidden). */
        List<String> unlisted() {
            return List.copyOf(unlisted);
        }

        /**
         * One round: each queue's observation, and the guests it lists waiting past {@code maxWait} as of
         * {@code now} that no round (nor the scan) has listed before, as analytics has them now. A queue that
         * lists none is drained; an empty answer means every queue is.
         */
        List<ConversationDetail> next(Instant now) {
            if (active.isEmpty()) {
                return List.of();
            }
            asked++;
            Map<String, String> due = new LinkedHashMap<>();
            for (String queueId : List.copyOf(active)) {
                WaitingNow waiting;
                try {
                    waiting = client.waiting(queueId);
                } catch (GenesysException e) {
                    if (e.status() != 403) {
                        throw e;
                    }
                    // The rest stands; what draining would have found is said, with the fix.
                    active.remove(queueId);
                    unlisted.add("queue " + queues.nameOf(queueId).orElse(queueId) + ": not drained, the client lacks"
                            + " analytics:queueObservation:view (" + e.getMessage() + ")");
                    continue;
                }
                Instant tooLong = now.minus(policy.rulesFor(Optional.of(queueId), queues.nameOf(queueId)).maxWait());
                List<String> past = waiting.listed().stream().filter(w -> w.since().isBefore(tooLong))
                        .map(WaitingNow.Waiter::conversationId).filter(id -> !judged.contains(id)).toList();
                if (past.isEmpty()) {
                    active.remove(queueId);
                    if (waiting.oldest().filter(o -> o.isBefore(tooLong)).isPresent()) {
                        unlisted.add("queue " + queues.nameOf(queueId).orElse(queueId) + ": " + waiting.waiting()
                                + " wait; the oldest past maxWait were judged already (left alone, or planned in a dry run), and an"
                                + " observation lists no others");
                    }
                }
                past.forEach(id -> due.put(id, queueId));
            }
            if (due.isEmpty()) {
                active.clear();
                return List.of();
            }
            judged.addAll(due.keySet());
            return scan.byIds(List.copyOf(due.keySet()), since, clock.instant());
        }
    }
}
