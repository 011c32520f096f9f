package dev.unstuck.core.detect;

import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The confirmation of a lean engine's endings. The stream confirms an ending for free: the queue event
 * after the last PATCH carries the whole conversation, every leg disconnected. What it has not shown
 * ended within {@link #CONFIRM_WITHIN} (a lost event, or an agent offer that arrived after the look and
 * rings on) is verified as a sweep verifies: one analytics query per hundred, a read, and one more try by
 * the engine. What stays open is told to the listener as a failed outcome. Thread-safe.
 */
final class EndingConfirmation {

    /** How long the stream has to show an ended conversation ended before verification asks Genesys. */
    static final Duration CONFIRM_WITHIN = Duration.ofSeconds(10);

    private record Unconfirmed(SweepReport.Handled handled, Instant due) { }

    private final GenesysClient client;
    private final Engine engine;
    private final Clock clock;
    private final Policy policy;
    private final Mandate mandate;
    private final WatchListener listener;
    /** Ended, not yet shown ended by the stream: verified in a batch when overdue. */
    private final Map<String, Unconfirmed> unconfirmed = new LinkedHashMap<>();

    EndingConfirmation(GenesysClient client, Engine engine, Clock clock, Policy policy, Mandate mandate, WatchListener listener) {
        this.client = client;
        this.engine = engine;
        this.clock = clock;
        this.policy = policy;
        this.mandate = mandate;
        this.listener = listener;
    }

    /** An ending the stream has {@link #CONFIRM_WITHIN} to show. */
    synchronized void awaiting(SweepReport.Handled handled, Instant now) {
        unconfirmed.put(handled.finding().conversationId(), new Unconfirmed(handled, now.plus(CONFIRM_WITHIN)));
    }

    /** The stream shows it ended: verified at no cost. */
    synchronized void shownEnded(String conversationId) {
        unconfirmed.remove(conversationId);
    }

    synchronized int size() {
        return unconfirmed.size();
    }

    /**
     * Verifies the endings overdue now. With {@code eventsQueued}, events still to be read may be the
     * confirmations: they are read first, unless the stream is a whole {@link #CONFIRM_WITHIN} behind.
     */
    void confirmOverdue(boolean eventsQueued) {
        Instant now = clock.instant();
        Instant cutoff = eventsQueued ? now.minus(CONFIRM_WITHIN) : now;
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
}
