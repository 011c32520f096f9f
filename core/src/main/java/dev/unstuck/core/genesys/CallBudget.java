package dev.unstuck.core.genesys;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * The client-side request budget: when each call may go.
 *
 * <p>Calls are spread evenly, {@code perMinute} of them every {@link #PERIOD}. A permit left unused
 * while the client was busy elsewhere (waiting for a token, reading an analytics page) is kept for up
 * to one second and spent at once when calls come again, as Guava's {@code RateLimiter} does; a
 * strictly smooth limiter throws those permits away, which costs a short job a noticeable share of its
 * budget. Whatever the catching up, never more than {@code perMinute} calls leave in any
 * {@link #PERIOD}, because Genesys answers the call over its per-minute limit with a 429.
 *
 * <p>The period is a minute and half a second. Genesys's window opens with whichever call arrives first,
 * and calls reach it a little late, each by its own network delay; calls that left exactly a minute
 * apart then land in the same window about every other minute, and the later one meets a 429 (the
 * sandbox showed 13 in an 18-minute sweep paced at exactly its limit). Half a second of headroom costs
 * under 1% of the budget.
 *
 * <p>Thread-safe: reservations are made one at a time and each caller waits out its own.
 */
final class CallBudget {
    /** The span in which at most {@code perMinute} calls leave: a minute, and headroom for network delay. */
    static final Duration PERIOD = Duration.ofMinutes(1).plusMillis(500);
    private static final long SPAN = PERIOD.toNanos();
    private static final long KEPT = Duration.ofSeconds(1).toNanos();

    private final int perMinute;
    private final long interval;
    private final LongSupplier nanoTime;
    /** The earliest moment the next call may go when no permit is kept. */
    private long next;
    /** When the calls of the last period went, oldest first. */
    private final Deque<Long> lastPeriod = new ArrayDeque<>();

    CallBudget(int perMinute, LongSupplier nanoTime) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1");
        }
        this.perMinute = perMinute;
        this.interval = SPAN / perMinute;
        this.nanoTime = nanoTime;
        this.next = nanoTime.getAsLong();
    }

    /** Takes the next permit; answers how long the caller must wait before sending its call. */
    synchronized Duration reserve() {
        long now = nanoTime.getAsLong();
        long at = slot(now);
        // A later permit may come up to the kept second before this one: keep what its period still needs.
        forgetBefore(at - KEPT);
        next = Math.max(next, at - KEPT) + interval;
        lastPeriod.addLast(at);
        return Duration.ofNanos(at - now);
    }

    /** How long the caller would wait for the next permit, taking none and changing nothing. */
    synchronized Duration peek() {
        long now = nanoTime.getAsLong();
        return Duration.ofNanos(slot(now) - now);
    }

    int perMinute() {
        return perMinute;
    }

    /** When the next permit is due, from {@code now} on: evenly spaced, and never past the budget in a period. */
    private long slot(long now) {
        long at = Math.max(now, next);
        if (lastPeriod.size() < perMinute) {
            return at; // fewer permits remembered than the budget: no period can be full, and no need to count them
        }
        while (true) {
            // Every permit after at - SPAN counts, those already given for later moments too (a permit may be
            // given before ones given earlier, by up to the second kept), so no period around at passes the budget.
            long oldestInPeriod = Long.MAX_VALUE;
            int inPeriod = 0;
            for (long sent : lastPeriod) {
                if (sent > at - SPAN) {
                    oldestInPeriod = Math.min(oldestInPeriod, sent);
                    inPeriod++;
                }
            }
            if (inPeriod < perMinute) {
                return at;
            }
            at = oldestInPeriod + SPAN;
        }
    }

    private void forgetBefore(long at) {
        while (!lastPeriod.isEmpty() && lastPeriod.peekFirst() <= at - SPAN) {
            lastPeriod.pollFirst();
        }
    }
}
