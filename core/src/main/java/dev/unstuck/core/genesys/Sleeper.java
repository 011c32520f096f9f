package dev.unstuck.core.genesys;

import java.time.Duration;

/**
 * Waits between attempts (Retry-After, back-off) and for rate-limit permits. Injectable so tests on
 * the sandbox's manual clock never really wait.
 */
@FunctionalInterface
public interface Sleeper {

    /** Really sleeps the calling thread. */
    Sleeper REAL = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
