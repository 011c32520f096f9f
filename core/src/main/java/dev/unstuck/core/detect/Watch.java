package dev.unstuck.core.detect;

import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.ConversationDetail;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.NotificationChannel;
import dev.unstuck.core.genesys.StreamEvent;
import dev.unstuck.core.genesys.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Continuous detection for one org: the queues' notification topics keep a picture of every guest, and
 * each event (heartbeats included, every 30 s), and each quiet second, re-judges that picture against
 * the clock, so a guest is handed to the engine within one event of crossing a rule. A scan of analytics at the start, after
 * every reconnect and every {@code scanEvery} reconciles what the stream missed.
 *
 * <p>Why queue topics alone: each of their events carries the whole conversation (every leg, with its
 * times), so queue passes, flow passes and a customer who left are counted from the legs themselves.
 * Detail topics would need a subscription per conversation, and their {@code user.end} fires when an
 * agent rejects or the guest is requeued, which is no end at all (the field's trap).
 *
 * <p>Not thread-safe: {@link #run()} on one thread, {@link #stop()} from any.
 */
public final class Watch {

    /**
     * @param scanEvery how often analytics reconciles the picture
     * @param lookback how far back scans look
     * @param reconnectDelay first wait before retrying a failed channel or scan (doubles up to a minute, jittered)
     */
    public record Settings(Duration scanEvery, Duration lookback, Duration reconnectDelay) {

        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofSeconds(1));
        }
    }

    private static final Object STOP = new Object();
    /** The longest wait between two attempts. */
    private static final Duration MOST = Duration.ofMinutes(1);
    /** How long the stream has to show an ended conversation ended before verification asks Genesys. */
    private static final Duration CONFIRM_WITHIN = Duration.ofSeconds(10);
    /** A channel that stayed this long served well: its loss is replaced at once. */
    private static final Duration HEALTHY = Duration.ofMinutes(1);

    private final GenesysClient client;
    private final Engine engine;
    private final Clock clock;
    private final Policy policy;
    private final Settings settings;
    private final Mandate mandate;
    private final WatchListener listener;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Map<String, Guest> tracked = new LinkedHashMap<>();
    /** Guests handed to the engine, as they were then: events still in flight about them are not news. */
    private final Map<String, Guest> handedOver = new BoundedMap<>(10_000);
    private final Deque<Instant> endedLastHour = new ArrayDeque<>();
    /** Ended by a lean engine, not yet shown ended by the stream: verified in a batch when overdue. */
    private final Map<String, Unconfirmed> unconfirmed = new LinkedHashMap<>();
    private volatile boolean stopping;
    private NotificationChannel channel;
    /** The channel before {@link #channel}, open until Genesys closes it: what it still carries is news too. */
    private NotificationChannel retiring;
    private QueueDirectory queues;
    private Instant connectedAt = Instant.MIN;
    private Instant nextScan = Instant.MIN;
    private final Backoff reconnects;
    private final Backoff scans;
    private GhostCheck ghosts = new GhostCheck(GhostMemory.none());
    private Instant scannedAt = Instant.MIN;

    /**
     * {@code request} carries who and why for the audit, and {@code dryRun}: shadow mode, where each
     * guest that crosses a rule is looked at and planned, the plan reported and audited as a dry run,
     * and nothing ended; its {@code force} is taken from the policy.
     */
    public Watch(GenesysClient client, Engine engine, Clock clock, Policy policy, Settings settings, EndRequest request,
                 WatchListener listener) {
        this.client = client;
        this.engine = engine;
        this.clock = clock;
        this.policy = policy;
        this.settings = settings;
        this.mandate = new Mandate(request.dryRun(), request.reason(), request.requestedBy());
        this.listener = listener;
        Duration cap = settings.reconnectDelay().compareTo(MOST) > 0 ? settings.reconnectDelay() : MOST;
        this.reconnects = new Backoff(settings.reconnectDelay(), cap, true, Math::random);
        this.scans = new Backoff(settings.reconnectDelay(), cap, false, Math::random);
    }

    /**
     * Watches until {@link #stop()}; then closes the channel and returns.
     *
     * <p>Two failures, two back-offs, both on the watch's clock and never cut short by queued events: a
     * channel that cannot be opened or whose stream breaks is replaced (at once after a channel that
     * served for a minute, then waiting {@code reconnectDelay}, doubling up to a minute, jittered); a
     * scan that fails is retried on the same schedule while the channel stays, since the stream still
     * carries every guest's news. A failed scan never opens a channel: Genesys keeps 20 per OAuth client
     * and evicts the oldest, so churning them knocks other consumers off.
     */
    public void run() {
        try {
            while (!stopping) {
                try {
                    connect();
                } catch (GenesysException e) {
                    listener.trouble("cannot open a notification channel: " + e.getMessage());
                    closeChannel();
                    waitFor(reconnects.next());
                    continue;
                }
                consume();
                if (!stopping) {
                    if (Duration.between(connectedAt, clock.instant()).compareTo(HEALTHY) >= 0) {
                        reconnects.reset();
                    }
                    waitFor(reconnects.next());
                }
            }
        } finally {
            closeChannel();
        }
    }

    /** Keeps the analytics ghosts its looks meet in {@code memory}, and leaves those it holds out of its scans; before {@link #run()}. */
    public Watch remembering(GhostMemory memory) {
        this.ghosts = new GhostCheck(memory);
        return this;
    }

    /** Asks {@link #run()} to return after the event in hand; a conversation being ended is finished first. */
    public void stop() {
        stopping = true;
        inbox.offer(STOP);
    }

    /** Conversations ended by a lean engine that neither the stream nor a verification has shown ended yet. */
    synchronized int awaitingConfirmation() {
        return unconfirmed.size();
    }

    /** Guests the watch currently follows. */
    public synchronized int tracking() {
        return tracked.size();
    }

    /**
     * The guests the watch follows, each judged now by the policy: what a service shows per queue
     * (waiting, stuck, looping…) without asking Genesys again. A copy; safe from any thread.
     */
    public synchronized List<Finding> picture() {
        Instant now = clock.instant();
        List<Finding> findings = new ArrayList<>(tracked.size());
        for (Guest guest : tracked.values()) {
            findings.add(new Finding(guest, Classifier.classify(guest, policy, now)));
        }
        return findings;
    }

    /**
     * Opens, subscribes and connects a new channel before letting go of the old one, which stays open
     * until Genesys closes it: across a planned switch (the socket announced closing, its token about to
     * expire) every event reaches one channel or the other. The new channel gets a fresh token (see
     * {@link GenesysClient#openChannel()}), so it outlives the old one's notice.
     */
    private void connect() {
        queues = QueueDirectory.read(client);
        List<String> topics = new ArrayList<>();
        for (String queueId : queues.ids()) {
            if (policy.barred(Optional.of(queueId), queues.nameOf(queueId)).isEmpty()) {
                topics.add(Topics.queue(queueId));
            }
        }
        NotificationChannel opened = client.openChannel();
        try {
            opened.subscribe(topics);
            opened.connect(event -> inbox.offer(new Arrival(opened, event)));
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        if (retiring != null) {
            retiring.close();
        }
        retiring = channel;
        channel = opened;
        connectedAt = clock.instant();
        // A new channel may have missed news: rescan, unless scans are failing (then their back-off holds).
        if (!scans.failing()) {
            nextScan = connectedAt;
        }
        listener.connected(opened.id(), topics.size());
    }

    private record Unconfirmed(SweepReport.Handled handled, Instant due) { }

    /** An event and the channel it came on, so events of a channel left behind are ignored. */
    private record Arrival(NotificationChannel channel, StreamEvent event) { }

    private void consume() {
        while (!stopping) {
            if (!clock.instant().isBefore(nextScan)) {
                scan();
            }
            judge();
            confirmOverdue();
            Object next;
            try {
                next = inbox.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
                return;
            }
            if (next == STOP) {
                continue;
            }
            // A quiet second is judged too: a guest crosses maxWait by the clock alone, not by an event.
            if (next instanceof Arrival arrival && arrival.channel() == channel) {
                Optional<String> broken = apply(arrival.event());
                if (broken.isPresent()) {
                    listener.disconnected(broken.get());
                    return;
                }
            } else if (next instanceof Arrival late && late.channel() == retiring) {
                // The channel left behind while the new one opened: its guests' news counts, its end does not.
                if (late.event() instanceof StreamEvent.QueueConversation) {
                    apply(late.event());
                } else if (late.event() instanceof StreamEvent.Closed) {
                    retiring.close();
                    retiring = null;
                }
            }
        }
    }

    /** Updates the picture; answers why the stream broke when it did. */
    private Optional<String> apply(StreamEvent event) {
        if (event instanceof StreamEvent.QueueConversation q) {
            Guest guest = queues.named(Guest.of(q.conversation()));
            synchronized (this) {
                Guest before = handedOver.get(guest.conversationId());
                boolean news = before == null || !before.ended() && !before.sameState(guest);
                if (guest.ended()) {
                    tracked.remove(guest.conversationId());
                    unconfirmed.remove(guest.conversationId()); // the stream shows it ended: verified at no cost
                } else if (news) {
                    handedOver.remove(guest.conversationId());
                    Guest earlier = tracked.get(guest.conversationId());
                    tracked.put(guest.conversationId(), earlier == null ? guest : guest.knowingFlowOf(earlier));
                }
            }
            return Optional.empty();
        }
        if (event instanceof StreamEvent.Closed closed) {
            return Optional.of("the socket closed (" + closed.code() + (closed.reason().isBlank() ? "" : " " + closed.reason()) + ")");
        }
        if (event instanceof StreamEvent.SocketClosing) {
            return Optional.of("Genesys announced the socket will close");
        }
        if (event instanceof StreamEvent.NoLongerSubscribed) {
            return Optional.of("the channel lost its subscriptions");
        }
        if (event instanceof StreamEvent.TokenRevoked) {
            return Optional.of("the token behind the channel was revoked");
        }
        return Optional.empty();
    }

    /**
     * Reconciles the picture with analytics. A failure is retried on the scans' back-off, on the same
     * channel; a scan that lists only part of the org says which part. Tearing the channel down would not
     * make analytics answer, and a watch that re-subscribes on every scan failure follows nobody.
     */
    private void scan() {
        Instant now = clock.instant();
        Instant to = now.minus(policy.youngestCandidate());
        List<ConversationDetail> found;
        List<String> unlisted;
        try {
            AnalyticsScan.Result result = to.isAfter(now.minus(settings.lookback()))
                    ? new AnalyticsScan(client, 4).candidates(now.minus(settings.lookback()), to, List.of(), queues::ids)
                    : new AnalyticsScan.Result(List.of(), List.of(), 0);
            found = ghosts.unremembered(result.conversations(), now).kept();
            scannedAt = now;
            unlisted = result.unlisted();
        } catch (GenesysException e) {
            Duration wait = scans.next();
            nextScan = now.plus(wait);
            listener.trouble("the reconciling scan failed (" + e.getMessage() + "); again in " + String.format(java.util.Locale.ROOT, "%.1fs", wait.toMillis() / 1000.0)
                    + ", the stream goes on");
            return;
        }
        scans.reset();
        synchronized (this) {
            for (ConversationDetail d : found) {
                // The stream's picture is fresher where it has one; the scan adds what the stream missed.
                Guest before = handedOver.get(d.conversationId());
                if (before == null || !before.ended()) {
                    Guest scanned = queues.named(Guest.of(d));
                    tracked.merge(d.conversationId(), scanned, (streamed, fromScan) -> streamed.knowingFlowOf(fromScan));
                }
            }
        }
        nextScan = now.plus(settings.scanEvery());
        if (!unlisted.isEmpty()) {
            listener.trouble("analytics could not list " + String.join("; ", unlisted));
        }
        listener.scanned(tracking());
    }

    private void judge() {
        Instant now = clock.instant();
        List<Finding> due = new ArrayList<>();
        synchronized (this) {
            for (Guest guest : tracked.values()) {
                Verdict verdict = Classifier.classify(guest, policy, now);
                if (verdict instanceof Verdict.End) {
                    due.add(new Finding(guest, verdict));
                }
            }
        }
        due.sort((a, b) -> a.guest().start().compareTo(b.guest().start()));
        for (Finding finding : due) {
            if (stopping) {
                return;
            }
            while (!endedLastHour.isEmpty() && endedLastHour.peekFirst().isBefore(now.minus(Duration.ofHours(1)))) {
                endedLastHour.removeFirst();
            }
            if (endedLastHour.size() >= policy.limit()) {
                listener.limitReached(policy.limit());
                return;
            }
            Outcome outcome = engine.end(finding.conversationId(), mandate.endRequest(finding, policy), Sweep.recheck(policy, queues, clock));
            synchronized (this) {
                // Ended, skipped or failed: the stream brings it back only if it changes again.
                tracked.remove(finding.conversationId());
                Guest seen = outcome instanceof Outcome.Ended ? finding.guest().asEnded() : finding.guest();
                handedOver.put(finding.conversationId(), seen);
            }
            if (outcome instanceof Outcome.Planned p && p.plan() instanceof dev.unstuck.core.engine.Plan.Steps) {
                // Shadow mode counts what it would end, so it meets the limit where a real watch would.
                endedLastHour.addLast(now);
            }
            if (outcome instanceof Outcome.Ended e && !e.alreadyEnded()) {
                endedLastHour.addLast(now);
                if (!engine.policy().verifyEach()) {
                    synchronized (this) {
                        unconfirmed.put(finding.conversationId(), new Unconfirmed(new SweepReport.Handled(finding, outcome),
                                now.plus(CONFIRM_WITHIN)));
                    }
                }
            }
            ghosts.afterLook(finding, outcome, scannedAt, clock.instant()).ifPresentOrElse(listener::ghost, () -> listener.handled(finding, outcome));
        }
    }

    /**
     * The stream confirms an ending for free: the queue event after the last PATCH carries the whole
     * conversation, every leg disconnected. What it has not shown ended within {@link #CONFIRM_WITHIN}
     * (a lost event, or an agent offer that arrived after the look and rings on) is verified as a sweep
     * verifies: one analytics query per hundred, a read, and one more try by the engine. What stays open
     * is told to the listener as a failed outcome.
     */
    private void confirmOverdue() {
        Instant now = clock.instant();
        // Events still queued may be the confirmations: read them first, unless the stream is that far behind.
        Instant cutoff = inbox.isEmpty() ? now : now.minus(CONFIRM_WITHIN);
        List<SweepReport.Handled> overdue = new ArrayList<>();
        synchronized (this) {
            for (Unconfirmed u : unconfirmed.values()) {
                if (!cutoff.isBefore(u.due())) {
                    overdue.add(u.handled());
                }
            }
        }
        if (overdue.isEmpty()) {
            return;
        }
        Verification.Result result;
        try {
            result = new Verification(client, engine, new AnalyticsScan(client, 4), clock, 4)
                    .run(overdue, (finding, why) -> mandate.finishing(finding, policy, why));
        } catch (GenesysException e) {
            listener.trouble("verifying " + overdue.size() + " ended conversation(s) failed (" + e.getMessage() + "); again soon");
            synchronized (this) {
                overdue.forEach(h -> unconfirmed.put(h.finding().conversationId(), new Unconfirmed(h, now.plus(CONFIRM_WITHIN))));
            }
            return;
        }
        synchronized (this) {
            overdue.forEach(h -> unconfirmed.remove(h.finding().conversationId()));
        }
        for (SweepReport.Handled h : result.handled()) {
            if (result.notEnded().contains(h.finding().conversationId())) {
                listener.handled(h.finding(), h.outcome());
            }
        }
    }

    private void closeChannel() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (retiring != null) {
            retiring.close();
            retiring = null;
        }
    }

    /**
     * Waits {@code delay} on the watch's clock. Only {@link #stop()} ends it early: events still queued
     * from a broken channel are stale (the rescan after the reconnect brings their news).
     */
    private void waitFor(Duration delay) {
        Instant until = clock.instant().plus(delay);
        try {
            while (!stopping) {
                Duration left = Duration.between(clock.instant(), until);
                if (left.isNegative() || left.isZero()) {
                    return;
                }
                Object next = inbox.poll(Math.min(left.toMillis(), 1000), TimeUnit.MILLISECONDS);
                if (next == STOP) {
                    stopping = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
