package dev.unstuck.core.genesys;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * The client-side request budget: when each call may go.
 *
 * <p>Calls are spread evenly, one every minute / {@code perMinute}. A permit left unused while the
 * client was busy elsewhere (waiting for a token, reading an analytics page) is kept for up to one
 * second and spent at once when calls come again, as Guava's {@code RateLimiter} does; a strictly smooth
 * limiter throws those permits away, which costs a short job a noticeable share of its budget.
 * Whatever the catching up, never more than {@code perMinute} calls leave in any 60 seconds, because
 * Genesys counts its limit per minute and answers the call over it with a 429.
 *
 * <p>Thread-safe: reservations are made one at a time and each caller waits out its own.
 */
final class CallBudget {
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final long KEPT = Duration.ofSeconds(1).toNanos();

    private final int perMinute;
    private final long interval;
    private final LongSupplier nanoTime;
    /** The earliest moment the next call may go when no permit is kept. */
    private long next;
    /** When the calls of the last minute went, oldest first. */
    private final Deque<Long> lastMinute = new ArrayDeque<>();

    CallBudget(int perMinute, LongSupplier nanoTime) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1");
        }
        this.perMinute = perMinute;
        this.interval = MINUTE / perMinute;
        this.nanoTime = nanoTime;
        this.next = nanoTime.getAsLong();
    }

    /** Takes the next permit; answers how long the caller must wait before sending its call. */
    synchronized Duration reserve() {
        long now = nanoTime.getAsLong();
        long at = Math.max(now, next);
        forgetBefore(at);
        if (lastMinute.size() >= perMinute) {
            at = lastMinute.peekFirst() + MINUTE;
            forgetBefore(at);
        }
        next = Math.max(next, at - KEPT) + interval;
        lastMinute.addLast(at);
        return Duration.ofNanos(at - now);
    }

    private void forgetBefore(long at) {
        while (!lastMinute.isEmpty() && lastMinute.peekFirst() <= at - MINUTE) {
            lastMinute.pollFirst();
        }
    }
}
