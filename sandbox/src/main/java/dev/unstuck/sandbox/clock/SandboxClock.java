package dev.unstuck.sandbox.clock;

import dev.unstuck.sandbox.ClockMode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The sandbox's only source of time. While a timer runs, the clock reads the timer's due time, so what
 * the timer records (a loop pass, a cleanup) carries the moment it was due, not the moment it was noticed.
 * Not thread-safe: callers hold the sandbox's state lock.
 */
public final class SandboxClock {
    private final ClockMode mode;
    private Instant manualNow;
    private Instant pinned;

    public SandboxClock(ClockMode mode, Instant start) {
        this.mode = mode;
        this.manualNow = start.truncatedTo(ChronoUnit.MILLIS);
    }

    public static SandboxClock startingNow(ClockMode mode) {
        return new SandboxClock(mode, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    public ClockMode mode() {
        return mode;
    }

    public Instant now() {
        if (pinned != null) {
            return pinned;
        }
        return mode == ClockMode.REAL ? Instant.now().truncatedTo(ChronoUnit.MILLIS) : manualNow;
    }

    /** Moves a manual clock forward; false (and no change) on a real clock or a negative step. */
    public boolean advance(Duration step) {
        if (mode != ClockMode.MANUAL || step.isNegative()) {
            return false;
        }
        manualNow = manualNow.plus(step);
        return true;
    }

    void pin(Instant at) {
        pinned = at;
    }

    void unpin() {
        pinned = null;
    }
}
