package dev.unstuck.core.detect;

import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.ConversationDetail;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.StreamEvent;
import dev.unstuck.core.genesys.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Continuous detection for one org: the queues' notification topics keep a picture of every guest, and
 * each event (heartbeats included, every 30 s), and each quiet second, re-judges that picture against
 * the clock, so a guest is handed to the engine within one event of crossing a rule. A scan of analytics at the start, after
 * every reconnect and every {@code scanEvery} reconciles what the stream missed.
 *
 * <p>Past the synchronous query's limit a scan lists only each busy queue's oldest 50 waiting; the watch then
 * drains those queues as a sweep does ({@link Drain}), one round at a time between the stream's events: a
 * round (one observation per queue, one query by id per hundred) once the engine has taken up the last
 * round's guests, within the hourly limit, until the oldest still waiting is within {@code maxWait}. The
 * engine takes {@link #HANDED_PER_PASS} guests (or {@link #PASS_TIME}) at most between two reads of the stream, and the stream's
 * guests before a round's, so a backlog of thousands neither starves the stream (whose events also
 * confirm the endings for free) nor holds up a guest it shows crossing a rule.
 *
 * <p>Why queue topics alone: each of their events carries the whole conversation (every leg, with its
 * times), so queue passes, flow passes and a customer who left are counted from the legs themselves.
 * Detail topics would need a subscription per conversation, and their {@code user.end} fires when an
 * agent rejects or the guest is requeued, which is no end at all (the field's trap).
 *
 * <p>Three parts with one job each: the {@link ChannelKeeper} keeps the notification channels, the
 * {@link GuestPicture} the guests followed, the {@link EndingConfirmation} confirms what the engine
 * ended; the watch runs the loop that feeds them and hands due guests to the engine.
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
    /** Guests handed to the engine between two reads of the stream (about 75 calls). */
    static final int HANDED_PER_PASS = 25;
    /**
     * At most this long (on the watch's clock) between two reads of the stream, whatever the budget's pace:
     * well within {@link EndingConfirmation#CONFIRM_WITHIN}, so the stream, not a query, confirms the endings.
     */
    static final Duration PASS_TIME = Duration.ofSeconds(5);
    /** Events read in one go before the watch judges again. */
    private static final int EVENTS_PER_PASS = 1_000;

    private final GenesysClient client;
    private final Engine engine;
    private final Clock clock;
    private final Policy policy;
    private final Settings settings;
    private final Mandate mandate;
    private final WatchListener listener;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final ChannelKeeper channels;
    private final GuestPicture guests;
    private final EndingConfirmation confirmation;
    private final Deque<Instant> endedLastHour = new ArrayDeque<>();
    private volatile boolean stopping;
    private QueueDirectory queues;
    private Instant nextScan = Instant.MIN;
    private final Backoff scans;
    private GhostCheck ghosts = new GhostCheck(GhostMemory.none());
    private Instant scannedAt = Instant.MIN;
    /** The queues the last scan left to draining, while they drain. */
    private Optional<Drain.Rounds> draining = Optional.empty();
    private int drainTroublesTold;

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
        this.channels = new ChannelKeeper(client, clock, settings.reconnectDelay());
        this.guests = new GuestPicture(policy);
        this.confirmation = new EndingConfirmation(client, engine, clock, policy, mandate, listener);
        this.scans = Backoff.upToAMinute(settings.reconnectDelay(), false);
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
                    channels.close();
                    waitFor(channels.afterFailedOpen());
                    continue;
                }
                consume();
                if (!stopping) {
                    waitFor(channels.afterLoss());
                }
            }
        } finally {
            channels.close();
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
    int awaitingConfirmation() {
        return confirmation.size();
    }

    /** Guests the watch currently follows. */
    public int tracking() {
        return guests.size();
    }

    /**
     * The guests the watch follows, each judged now by the policy: what a service shows per queue
     * (waiting, stuck, looping…) without asking Genesys again. A copy; safe from any thread.
     */
    public List<Finding> picture() {
        return guests.judged(clock.instant());
    }

    /** Subscribes a new channel to every queue the policy does not bar, and asks for a rescan: it may have missed news. */
    private void connect() {
        queues = QueueDirectory.read(client);
        List<String> topics = new ArrayList<>();
        for (String queueId : queues.ids()) {
            if (policy.barred(Optional.of(queueId), queues.nameOf(queueId)).isEmpty()) {
                topics.add(Topics.queue(queueId));
            }
        }
        String channelId = channels.open(topics, inbox::offer);
        // Unless scans are failing: then their back-off holds.
        if (!scans.failing()) {
            nextScan = clock.instant();
        }
        listener.connected(channelId, topics.size());
    }

    private void consume() {
        while (!stopping) {
            if (!clock.instant().isBefore(nextScan)) {
                scan();
            }
            boolean busy = judge();
            if (!busy) {
                busy = drainRound();
            }
            confirmation.confirmOverdue(!inbox.isEmpty());
            Object next;
            try {
                // A quiet second is judged too: a guest crosses maxWait by the clock alone, not by an event.
                // With guests or rounds waiting, only the events already there are read.
                next = busy ? inbox.poll() : inbox.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
                return;
            }
            int read = 0;
            while (next != null && !stopping) {
                if (!take(next)) {
                    return;
                }
                next = ++read < EVENTS_PER_PASS ? inbox.poll() : null;
            }
        }
    }

    /** Takes one message of the inbox in; false when the stream broke. */
    private boolean take(Object next) {
        if (!(next instanceof ChannelKeeper.Arrival arrival)) {
            return true;
        }
        switch (channels.sourceOf(arrival)) {
            case CURRENT -> {
                Optional<String> broken = apply(arrival.event());
                if (broken.isPresent()) {
                    listener.disconnected(broken.get());
                    return false;
                }
            }
            // The channel left behind while the new one opened: its guests' news counts, its end does not.
            case RETIRING -> {
                if (arrival.event() instanceof StreamEvent.QueueConversation) {
                    apply(arrival.event());
                } else if (arrival.event() instanceof StreamEvent.Closed) {
                    channels.retired();
                }
            }
            case GONE -> { }
        }
        return true;
    }

    /** Updates the picture; answers why the stream broke when it did. */
    private Optional<String> apply(StreamEvent event) {
        if (event instanceof StreamEvent.QueueConversation q) {
            Guest guest = queues.named(Guest.of(q.conversation()));
            guests.streamed(guest);
            if (guest.ended()) {
                confirmation.shownEnded(guest.conversationId());
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
        AnalyticsScan analytics = new AnalyticsScan(client, 4);
        try {
            AnalyticsScan.Result result = to.isAfter(now.minus(settings.lookback()))
                    ? analytics.candidates(now.minus(settings.lookback()), to, List.of(), queues::ids)
                    : new AnalyticsScan.Result(List.of(), List.of(), 0);
            found = ghosts.unremembered(result.conversations(), now).kept();
            scannedAt = now;
            unlisted = result.unlisted();
            // A scan starts the draining afresh: it has just listed each busy queue's oldest itself. A queue still
            // draining goes on even when this scan could list it whole: its pages, asked while analytics catches up
            // with the endings of the last seconds, shift under it and may skip a guest; the rounds do not.
            Set<String> listed = result.conversations().stream().map(ConversationDetail::conversationId).collect(Collectors.toSet());
            Set<String> busy = new LinkedHashSet<>(result.toDrain());
            draining.ifPresent(rounds -> busy.addAll(rounds.queues()));
            draining = busy.isEmpty() ? Optional.empty() : Optional.of(new Drain(client, analytics, clock)
                    .rounds(busy, policy, queues, now.minus(settings.lookback()), listed));
            drainTroublesTold = 0;
        } catch (GenesysException e) {
            Duration wait = scans.next();
            nextScan = now.plus(wait);
            listener.trouble("the reconciling scan failed (" + e.getMessage() + "); again in " + String.format(java.util.Locale.ROOT, "%.1fs", wait.toMillis() / 1000.0)
                    + ", the stream goes on");
            return;
        }
        scans.reset();
        guests.scanned(found.stream().map(d -> queues.named(Guest.of(d))).toList());
        nextScan = now.plus(settings.scanEvery());
        if (!unlisted.isEmpty()) {
            listener.trouble("analytics could not list " + String.join("; ", unlisted));
        }
        listener.scanned(tracking());
    }

    /**
     * One round of draining, when a queue is still drained and the hourly limit leaves room (this pass's
     * judging left no guest due): its guests join the picture, for the next passes. Whether one was asked.
     */
    private boolean drainRound() {
        if (draining.isEmpty() || atLimit(clock.instant())) {
            return false;
        }
        Drain.Rounds rounds = draining.get();
        Instant now = clock.instant();
        try {
            guests.drained(ghosts.unremembered(rounds.next(now), now).kept().stream().map(d -> queues.named(Guest.of(d))).toList());
        } catch (GenesysException e) {
            draining = Optional.empty();
            listener.trouble("draining the queues analytics cannot list failed (" + e.getMessage() + "); the next scan starts again");
            return false;
        }
        List<String> unlisted = rounds.unlisted();
        if (unlisted.size() > drainTroublesTold) {
            listener.trouble("draining: " + String.join("; ", unlisted.subList(drainTroublesTold, unlisted.size())));
            drainTroublesTold = unlisted.size();
        }
        if (rounds.done()) {
            draining = Optional.empty();
        }
        return true;
    }

    /** The hourly limit is reached (endings and shadow-mode plans of the last hour). */
    private boolean atLimit(Instant now) {
        while (!endedLastHour.isEmpty() && endedLastHour.peekFirst().isBefore(now.minus(Duration.ofHours(1)))) {
            endedLastHour.removeFirst();
        }
        return endedLastHour.size() >= policy.limit();
    }

    /**
     * Hands the guests that cross a rule now to the engine, the stream's first, oldest first, within the
     * policy's hourly limit, at most {@link #HANDED_PER_PASS} or for {@link #PASS_TIME}: whether due guests
     * are left for the next pass.
     */
    private boolean judge() {
        Instant now = clock.instant();
        int handed = 0;
        for (Finding finding : guests.due(now)) {
            if (stopping) {
                return false;
            }
            if (atLimit(now)) {
                listener.limitReached(policy.limit());
                return false;
            }
            if (handed++ == HANDED_PER_PASS || !clock.instant().isBefore(now.plus(PASS_TIME))) {
                return true;
            }
            Outcome outcome = engine.end(finding.conversationId(), mandate.endRequest(finding, policy), Sweep.recheck(policy, queues, clock));
            guests.handedOver(finding, outcome instanceof Outcome.Ended);
            if (outcome instanceof Outcome.Planned p && p.plan() instanceof dev.unstuck.core.engine.Plan.Steps) {
                // Shadow mode counts what it would end, so it meets the limit where a real watch would.
                endedLastHour.addLast(now);
            }
            if (outcome instanceof Outcome.Ended e && !e.alreadyEnded()) {
                endedLastHour.addLast(now);
                if (!engine.policy().verifyEach()) {
                    // From the ending itself: a pass may have run for seconds since it began.
                    confirmation.awaiting(new SweepReport.Handled(finding, outcome), clock.instant());
                }
            }
            ghosts.afterLook(finding, outcome, scannedAt, clock.instant()).ifPresentOrElse(listener::ghost, () -> listener.handled(finding, outcome));
        }
        return false;
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
