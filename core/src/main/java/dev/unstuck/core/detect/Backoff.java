package dev.unstuck.core.detect;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Waits between attempts that keep failing: {@code first}, doubling, at most {@code cap}, each drawn
 * between half and all of that (jitter, so many watches of one org do not retry in step). With
 * {@code immediateFirst} the first retry after a reset goes at once: a socket that served well and then
 * closed is replaced without delay, a second failure in a row waits. Not thread-safe.
 */
final class Backoff {

    /** The longest wait between two attempts of a watch: a minute, unless its first wait is longer. */
    private static final Duration MOST = Duration.ofMinutes(1);

    private final Duration first;
    private final Duration cap;
    private final boolean immediateFirst;
    private final DoubleSupplier random;
    private int failures;

    Backoff(Duration first, Duration cap, boolean immediateFirst, DoubleSupplier random) {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("a back-off needs 0 < first <= cap");
        }
        this.first = first;
        this.cap = cap;
        this.immediateFirst = immediateFirst;
        this.random = random;
    }

    /** Waits from {@code first}, doubling up to a minute (or {@code first} when that is longer), jittered. */
    static Backoff upToAMinute(Duration first, boolean immediateFirst) {
        return new Backoff(first, first.compareTo(MOST) > 0 ? first : MOST, immediateFirst, Math::random);
    }

    /** The wait before the next attempt, after one more failure. */
    Duration next() {
        int n = failures++;
        if (immediateFirst) {
            if (n == 0) {
                return Duration.ZERO;
            }
            n--;
        }
        Duration ceiling = ceiling(n);
        long half = ceiling.toMillis() / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling.toMillis() - half)));
    }

    /** The longest wait of the {@code n}th delay (0-based): first × 2^n, at most the cap. */
    Duration ceiling(int n) {
        Duration d = first;
        for (int i = 0; i < n && d.compareTo(cap) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(cap) > 0 ? cap : d;
    }

    void reset() {
        failures = 0;
    }

    boolean failing() {
        return failures > 0;
    }
}
