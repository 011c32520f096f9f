package dev.unstuck.bench;

import java.time.Duration;

/**
 * One contestant on one size and budget, with what the sandbox saw.
 *
 * @param wall the contestant's own elapsed time, from just before its first call to the end of its work (JVM start-up excluded)
 * @param process the child process's whole life, JVM start-up included (for reference)
 */
record Run(int size, int budget, String contestant, Duration wall, Duration process, int wentAfter, long peakRssKib,
           SandboxProbe.Tally tally, boolean capped) {

    /** The contestant's name, with how its run ended when it did not finish. */
    String label() {
        return contestant + (wentAfter < 0 ? " (crashed; counts up to then)"
                : capped ? " (stopped at the time cap after " + String.format(java.util.Locale.ROOT, "%,d", wentAfter) + " conversations)" : "");
    }

    int ended() {
        return tally.stuckEnded() + tally.liveEnded() + tally.healthyEnded();
    }

    double callsPerEnded() {
        return ended() == 0 ? 0 : tally.calls() / (double) ended();
    }

    double endedPerMinute() {
        return ended() / minutes();
    }

    /** The job itself: stuck guests cleared a minute (a script that also ends live agents gets no credit for those). */
    double stuckEndedPerMinute() {
        return tally.stuckEnded() / minutes();
    }

    private double minutes() {
        return Math.max(1e-9, wall.toMillis() / 60000.0);
    }

    /** The most endings a minute the budget allows at this run's cost per ending. */
    double budgetBound() {
        return callsPerEnded() == 0 ? 0 : budget / callsPerEnded();
    }

    double shareOfBound() {
        return budgetBound() == 0 ? 0 : endedPerMinute() / budgetBound();
    }
}
