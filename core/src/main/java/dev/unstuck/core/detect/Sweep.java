package dev.unstuck.core.detect;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.engine.Recheck;
import dev.unstuck.core.genesys.ConversationDetail;
import dev.unstuck.core.genesys.GenesysClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * One pass over an org: scan analytics for guests held by a queue, judge each by the {@link Policy},
 * hand those that crossed a rule to the {@link Engine} (which looks again and is re-judged by the same
 * rule before it acts), then confirm the batch ended with one analytics query per hundred.
 *
 * <p>Costs, in API calls: a token, one queue listing, one analytics page per hundred candidates; per
 * guest the engine's look and one PATCH per active leg; one verification query per hundred ended.
 */
public final class Sweep {

    private final GenesysClient client;
    private final Engine engine;
    private final Clock clock;
    private final Duration lookback;
    private final int parallelism;

    /**
     * @param lookback how far back the scan looks for conversations that never ended
     * @param parallelism how many conversations the engine handles at once (the client's rate limit holds for all)
     */
    public Sweep(GenesysClient client, Engine engine, Clock clock, Duration lookback, int parallelism) {
        this.client = client;
        this.engine = engine;
        this.clock = clock;
        this.lookback = lookback;
        this.parallelism = Math.max(1, parallelism);
    }

    /** Looks back 7 days, 4 conversations at once. */
    public Sweep(GenesysClient client, Engine engine, Clock clock) {
        this(client, engine, clock, Duration.ofDays(7), 4);
    }

    public SweepReport run(Policy policy, SweepRequest request, SweepListener listener) {
        Instant now = clock.instant();
        Instant to = now.minus(policy.youngestCandidate());
        Instant from = now.minus(lookback);
        QueueDirectory queues;
        List<ConversationDetail> details;
        if (request.queues().isEmpty()) {
            // Nothing to resolve first: the queue names are read while analytics answers.
            CompletableFuture<QueueDirectory> reading = CompletableFuture.supplyAsync(() -> QueueDirectory.read(client));
            details = scan(from, to, List.of());
            queues = join(reading);
        } else {
            queues = QueueDirectory.read(client);
            List<String> unknown = new ArrayList<>();
            List<String> queueIds = new ArrayList<>();
            for (String q : request.queues()) {
                queues.idOf(q).ifPresentOrElse(queueIds::add, () -> unknown.add(q));
            }
            if (!unknown.isEmpty()) {
                return new SweepReport(0, List.of(), List.of(), List.of(), 0, List.of(), unknown);
            }
            details = scan(from, to, queueIds);
        }
        List<Finding> toEnd = new ArrayList<>();
        List<Finding> left = new ArrayList<>();
        for (ConversationDetail detail : details) {
            Guest guest = queues.named(Guest.of(detail));
            Finding finding = new Finding(guest, Classifier.classify(guest, policy, now));
            (finding.toEnd() ? toEnd : left).add(finding);
        }
        toEnd.sort(Comparator.comparing((Finding f) -> f.guest().start()));
        List<Finding> overLimit = toEnd.size() > policy.limit() ? List.copyOf(toEnd.subList(policy.limit(), toEnd.size())) : List.of();
        List<Finding> chosen = toEnd.subList(0, Math.min(toEnd.size(), policy.limit()));
        listener.found(chosen.size());
        List<SweepReport.Handled> handled = handle(chosen, policy, request, queues, listener);
        if (request.dryRun()) {
            return new SweepReport(details.size(), handled, overLimit, left, 0, List.of(), List.of());
        }
        List<String> stillActive = new ArrayList<>();
        int confirmed = verify(handled, now, stillActive);
        return new SweepReport(details.size(), handled, overLimit, left, confirmed, stillActive, List.of());
    }

    private List<ConversationDetail> scan(Instant from, Instant to, List<String> queueIds) {
        return to.isAfter(from) ? new AnalyticsScan(client, parallelism).held(from, to, queueIds) : List.of();
    }

    private static QueueDirectory join(CompletableFuture<QueueDirectory> reading) {
        try {
            return reading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private List<SweepReport.Handled> handle(List<Finding> chosen, Policy policy, SweepRequest request, QueueDirectory queues,
                                             SweepListener listener) {
        List<Supplier<SweepReport.Handled>> calls = new ArrayList<>();
        for (Finding finding : chosen) {
            calls.add(() -> {
                Outcome outcome = engine.end(finding.conversationId(), endRequest(finding, policy, request), recheck(policy, queues, clock));
                synchronized (listener) {
                    listener.handled(finding, outcome);
                }
                return new SweepReport.Handled(finding, outcome);
            });
        }
        return InParallel.all(calls, parallelism, "unstuck-sweep", "the sweep");
    }

    static EndRequest endRequest(Finding finding, Policy policy, SweepRequest request) {
        String rule = finding.why() + ": " + finding.verdict().detail();
        return new EndRequest(policy.force(), request.dryRun(), request.reason().isBlank() ? rule : request.reason() + " (" + rule + ")",
                request.requestedBy());
    }

    /** The engine's fresh look is judged by the rule that found the guest: changed guests are left alone. */
    static Recheck recheck(Policy policy, QueueDirectory queues, Clock clock) {
        return (Conversation fresh) -> {
            Verdict verdict = Classifier.classify(queues.named(Guest.of(fresh)), policy, clock.instant());
            return verdict instanceof Verdict.End ? Optional.empty() : Optional.of(verdict.detail());
        };
    }

    /** One analytics query per hundred ended; a conversation it cannot confirm is read once more. */
    private int verify(List<SweepReport.Handled> handled, Instant now, List<String> stillActive) {
        List<String> ids = new ArrayList<>();
        Instant earliest = now;
        for (SweepReport.Handled h : handled) {
            if (h.outcome() instanceof Outcome.Ended ended && !ended.alreadyEnded()) {
                ids.add(h.finding().conversationId());
                if (h.finding().guest().start().isBefore(earliest)) {
                    earliest = h.finding().guest().start();
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        Set<String> confirmed = new HashSet<>();
        for (ConversationDetail d : new AnalyticsScan(client, parallelism).byIds(ids, earliest, clock.instant().plusSeconds(1))) {
            Guest g = Guest.of(d);
            if (g.ended() || !g.held()) {
                confirmed.add(d.conversationId());
            }
        }
        for (String id : ids) {
            if (confirmed.contains(id)) {
                continue;
            }
            Optional<Conversation> again = client.conversation(id);
            if (again.isEmpty() || again.get().ended() || !Guest.of(again.get()).held()) {
                confirmed.add(id);
            } else {
                stillActive.add(id);
            }
        }
        return confirmed.size();
    }
}
