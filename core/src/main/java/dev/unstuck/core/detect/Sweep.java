package dev.unstuck.core.detect;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.engine.Recheck;
import dev.unstuck.core.genesys.ConversationDetail;
import dev.unstuck.core.genesys.GenesysClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One pass over an org: scan analytics for guests held by a queue, judge each by the {@link Policy},
 * hand those that crossed a rule to the {@link Engine} (which looks again and is re-judged by the same
 * rule before it acts), then confirm the batch ended with one analytics query per hundred ({@link Verification}).
 *
 * <p>Costs, in API calls: a token, one queue listing, one analytics page per hundred candidates (more
 * than about 8,000 held: one refused query, then per queue; a queue still too big is split at the jobs'
 * availability date, a job for what is older, and {@link Drain} for what is newer: one observation per
 * queue per round and one query by id per hundred; see {@link AnalyticsScan}); per guest the engine's
 * look and one PATCH per active leg; one verification query per hundred ended. An analytics ghost (listed
 * open, yet over for the conversation API) costs its one look, then nothing for a day when the sweep
 * {@link #remembering remembers} ghosts ({@link GhostCheck}).
 */
public final class Sweep {

    private final GenesysClient client;
    private final Engine engine;
    private final Clock clock;
    private final Duration lookback;
    private final int parallelism;
    private final GhostMemory ghosts;

    /**
     * @param lookback how far back the scan looks for conversations that never ended
     * @param parallelism how many conversations the engine handles at once (the client's rate limit holds for all)
     */
    public Sweep(GenesysClient client, Engine engine, Clock clock, Duration lookback, int parallelism) {
        this(client, engine, clock, lookback, parallelism, GhostMemory.none());
    }

    private Sweep(GenesysClient client, Engine engine, Clock clock, Duration lookback, int parallelism, GhostMemory ghosts) {
        this.client = client;
        this.engine = engine;
        this.clock = clock;
        this.lookback = lookback;
        this.parallelism = Math.max(1, parallelism);
        this.ghosts = ghosts;
    }

    /** The same sweep, keeping the analytics ghosts it meets in {@code memory} and leaving out those it holds. */
    public Sweep remembering(GhostMemory memory) {
        return new Sweep(client, engine, clock, lookback, parallelism, memory);
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
        AnalyticsScan.Result scan;
        List<String> queueIds = new ArrayList<>();
        if (request.queues().isEmpty()) {
            // Nothing to resolve first: the queue names are read while analytics answers (needed by the scan
            // only if the whole is too big for one query and must be split by queue).
            CompletableFuture<QueueDirectory> reading = CompletableFuture.supplyAsync(() -> QueueDirectory.read(client));
            scan = scan(from, to, List.of(), () -> join(reading).ids());
            queues = join(reading);
        } else {
            queues = QueueDirectory.read(client);
            List<String> unknown = new ArrayList<>();
            for (String q : request.queues()) {
                queues.idOf(q).ifPresentOrElse(queueIds::add, () -> unknown.add(q));
            }
            if (!unknown.isEmpty()) {
                return new SweepReport(0, List.of(), List.of(), List.of(), 0, List.of(), unknown, List.of());
            }
            scan = scan(from, to, queueIds, List::of);
        }
        return judge(scan, queues, queueIds, policy, request, listener, now);
    }

    private SweepReport judge(AnalyticsScan.Result scan, QueueDirectory queues, List<String> queueIds, Policy policy,
                              SweepRequest request, SweepListener listener, Instant now) {
        GhostCheck check = new GhostCheck(ghosts);
        GhostCheck.Listed listed = check.unremembered(scan.conversations(), now);
        List<ConversationDetail> details = listed.kept();
        List<Finding> toEnd = new ArrayList<>();
        List<Finding> left = new ArrayList<>();
        for (ConversationDetail detail : details) {
            Guest guest = queues.named(Guest.of(detail));
            if (!request.queues().isEmpty() && !guest.queueId().map(queueIds::contains).orElse(false)) {
                continue; // passed through a queue named, but waits in (or was left by) another one now
            }
            Finding finding = new Finding(guest, Classifier.classify(guest, policy, now));
            (finding.toEnd() ? toEnd : left).add(finding);
        }
        toEnd.sort(Comparator.comparing((Finding f) -> f.guest().start()));
        List<Finding> overLimit = toEnd.size() > policy.limit() ? List.copyOf(toEnd.subList(policy.limit(), toEnd.size())) : List.of();
        List<Finding> chosen = toEnd.subList(0, Math.min(toEnd.size(), policy.limit()));
        listener.found(chosen.size());
        List<AnalyticsGhost> met = new ArrayList<>();
        List<SweepReport.Handled> handled = new ArrayList<>(apartFromGhosts(handle(chosen, policy, request, queues, listener), check, now, met));
        int scanned = toEnd.size() + left.size();
        List<String> unlisted = new ArrayList<>(scan.unlisted());
        if (!scan.toDrain().isEmpty() && handled.size() < policy.limit()) {
            // Analytics could not list these queues' newest guests: drain their waiting ones by observation.
            int[] found = {chosen.size()};
            Drain.Result drained = new Drain(client, new AnalyticsScan(client, parallelism), clock).run(scan.toDrain(), policy, queues,
                    now.minus(lookback), now, scan.conversations().stream().map(ConversationDetail::conversationId).collect(Collectors.toSet()),
                    policy.limit() - handled.size(), more -> {
                        found[0] += more.size();
                        listener.found(found[0]);
                        return apartFromGhosts(handle(more, policy, request, queues, listener), check, now, met);
                    });
            handled.addAll(drained.handled());
            left = new ArrayList<>(left);
            left.addAll(drained.left());
            overLimit = new ArrayList<>(overLimit);
            overLimit.addAll(drained.overLimit());
            scanned += drained.handled().size() + drained.overLimit().size() + drained.left().size();
            unlisted.addAll(drained.unlisted());
        }
        if (request.dryRun()) {
            return new SweepReport(scanned, handled, overLimit, left, 0, List.of(), List.of(), unlisted, met, listed.remembered());
        }
        Verification.Result verified = new Verification(client, engine, new AnalyticsScan(client, parallelism), clock, parallelism)
                .run(handled, (finding, why) -> Mandate.of(request).finishing(finding, policy, why));
        return new SweepReport(scanned, verified.handled(), overLimit, left, verified.confirmed(), verified.notEnded(), List.of(),
                unlisted, met, listed.remembered());
    }

    /** The handled guests that were endings; an analytics ghost (listed open after it was over) goes to {@code met} instead. */
    private List<SweepReport.Handled> apartFromGhosts(List<SweepReport.Handled> handled, GhostCheck check, Instant now,
                                                      List<AnalyticsGhost> met) {
        List<SweepReport.Handled> endings = new ArrayList<>();
        for (SweepReport.Handled h : handled) {
            // Analytics listed it open after it was over: a ghost, no ending (nor a verification) of ours.
            check.afterLook(h.finding(), h.outcome(), now, clock.instant()).ifPresentOrElse(ghost -> {
                synchronized (met) {
                    met.add(ghost);
                }
            }, () -> endings.add(h));
        }
        return endings;
    }

    private AnalyticsScan.Result scan(Instant from, Instant to, List<String> queueIds, Supplier<Collection<String>> orgQueues) {
        return to.isAfter(from) ? new AnalyticsScan(client, parallelism).candidates(from, to, queueIds, orgQueues)
                : new AnalyticsScan.Result(List.of(), List.of(), 0);
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
        Mandate mandate = Mandate.of(request);
        List<Supplier<SweepReport.Handled>> calls = new ArrayList<>();
        for (Finding finding : chosen) {
            calls.add(() -> {
                Outcome outcome = engine.end(finding.conversationId(), mandate.endRequest(finding, policy), recheck(policy, queues, clock));
                synchronized (listener) {
                    listener.handled(finding, outcome);
                }
                return new SweepReport.Handled(finding, outcome);
            });
        }
        return InParallel.all(calls, parallelism, "unstuck-sweep", "the sweep");
    }

    /** The engine's fresh look is judged by the rule that found the guest: changed guests are left alone. */
    static Recheck recheck(Policy policy, QueueDirectory queues, Clock clock) {
        return (Conversation fresh) -> {
            Verdict verdict = Classifier.classify(queues.named(Guest.of(fresh)), policy, clock.instant());
            return verdict instanceof Verdict.End ? Optional.empty() : Optional.of(verdict.detail());
        };
    }
}
