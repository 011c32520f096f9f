package dev.unstuck.core.detect;

import dev.unstuck.core.engine.Outcome;
import java.util.List;
import java.util.Objects;

/**
 * What one sweep found and did.
 *
 * @param scanned open guests the analytics scan returned that a queue or flow held, now or earlier (old enough to matter)
 * @param handled each guest handed to the engine, oldest first, with its outcome
 * @param overLimit guests that crossed a rule but were past the run's limit: left for the next run
 * @param left guests the scan returned that no rule selects, each with its reason
 * @param confirmed of the conversations the engine ended, those Genesys shows ended (every leg disconnected)
 * @param notEnded the engine took its steps, yet Genesys still shows a leg active after verification and one
 *                 more try (their outcome in {@code handled} is {@link Outcome.Failed}, cause {@code StillActive})
 * @param unknownQueues queues the request named that the org does not have (nothing was done then)
 * @param unlisted parts of the org analytics could not list, each with why (their guests were not judged)
 * @param ghosts analytics ghosts this run's looks found (listed open, yet over): one look each, then remembered;
 *               not in {@code handled}, they are no endings
 * @param ghostsRemembered listed guests left out as ghosts remembered from an earlier look (no call spent)
 */
public record SweepReport(int scanned, List<Handled> handled, List<Finding> overLimit, List<Finding> left, int confirmed,
                          List<String> notEnded, List<String> unknownQueues, List<String> unlisted, List<AnalyticsGhost> ghosts,
                          int ghostsRemembered) {

    public SweepReport {
        handled = List.copyOf(handled);
        overLimit = List.copyOf(overLimit);
        left = List.copyOf(left);
        notEnded = List.copyOf(notEnded);
        unknownQueues = List.copyOf(unknownQueues);
        unlisted = List.copyOf(unlisted);
        ghosts = List.copyOf(ghosts);
    }

    /** A report that met no analytics ghost. */
    public SweepReport(int scanned, List<Handled> handled, List<Finding> overLimit, List<Finding> left, int confirmed,
                       List<String> notEnded, List<String> unknownQueues, List<String> unlisted) {
        this(scanned, handled, overLimit, left, confirmed, notEnded, unknownQueues, unlisted, List.of(), 0);
    }

    /** A report of a scan that listed the whole org. */
    public SweepReport(int scanned, List<Handled> handled, List<Finding> overLimit, List<Finding> left, int confirmed,
                       List<String> notEnded, List<String> unknownQueues) {
        this(scanned, handled, overLimit, left, confirmed, notEnded, unknownQueues, List.of(), List.of(), 0);
    }

    /** One guest the engine was asked to end (or, in a dry run, to plan). */
    public record Handled(Finding finding, Outcome outcome) {

        public Handled {
            Objects.requireNonNull(finding, "finding");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Analytics ghosts met: found by this run's looks, and left out as remembered. */
    public int analyticsGhosts() {
        return ghosts.size() + ghostsRemembered;
    }

    /** Conversations this run ended (not counting those that were over already). */
    public long ended() {
        return handled.stream().filter(h -> h.outcome() instanceof Outcome.Ended e && !e.alreadyEnded()).count();
    }

    public List<Outcome> outcomes() {
        return handled.stream().map(Handled::outcome).toList();
    }
}
