package dev.unstuck.bench;

import java.time.Duration;

/** One contestant on one size and budget, with what the sandbox saw. */
record Run(int size, int budget, String contestant, Duration wall, int wentAfter, long peakRssKib, SandboxProbe.Tally tally) {

    int ended() {
        return tally.stuckEnded() + tally.liveEnded() + tally.healthyEnded();
    }

    double callsPerEnded() {
        return ended() == 0 ? 0 : tally.calls() / (double) ended();
    }

    double endedPerMinute() {
        return ended() / Math.max(1e-9, wall.toMillis() / 60000.0);
    }

    /** The most endings a minute the budget allows at this run's cost per ending. */
    double budgetBound() {
        return callsPerEnded() == 0 ? 0 : budget / callsPerEnded();
    }

    double shareOfBound() {
        return budgetBound() == 0 ? 0 : endedPerMinute() / budgetBound();
    }
}
