package dev.unstuck.app.service;

import dev.failsafe.RateLimiter;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Each caller's share of the requests that read Genesys on demand (inspect, sweep): an org's Genesys
 * budget is shared by every caller and the watch, so one caller looping on inspect must not spend it.
 * A caller over its share gets 429 with {@code Retry-After}; others are not slowed. Endings are not
 * counted here: they are acts, kept capacity of their own by the client's call budget, and callers of
 * one ending share one set of calls.
 */
final class CallerLimits {
    /**
     * Requests per caller and minute that may reach Genesys unless the config file's
     * {@code service.callerRequestsPerMinute} says otherwise; a person clicking through the dashboard stays far below.
     */
    static final int DEFAULT_PER_MINUTE = 60;

    private final long permits;
    private final Duration period;
    private final LongSupplier nanos;
    private final Map<String, Window> byCaller = new ConcurrentHashMap<>();

    /** A limiter's periods start when it is built (Failsafe's bursty limiter refills at each period's start). */
    private record Window(RateLimiter<Object> limiter, long startedAt) {
    }

    CallerLimits(long permits, Duration period, LongSupplier nanos) {
        this.permits = permits;
        this.period = period;
        this.nanos = nanos;
    }

    /** {@code permits} requests per caller and minute. */
    static CallerLimits perMinute(int permits) {
        return new CallerLimits(permits, Duration.ofMinutes(1), System::nanoTime);
    }

    /** Takes one request of the caller's share, or refuses with 429 and when to come back. */
    void take(Context ctx, Caller caller) {
        Window window = byCaller.computeIfAbsent(caller.auditName(),
                name -> new Window(RateLimiter.burstyBuilder(permits, period).build(), nanos.getAsLong()));
        if (window.limiter().tryAcquirePermit()) {
            return;
        }
        long periodNanos = period.toNanos();
        long untilNext = periodNanos - Math.floorMod(nanos.getAsLong() - window.startedAt(), periodNanos);
        long seconds = Math.max(1, (untilNext + 999_999_999L) / 1_000_000_000L);
        ctx.header("Retry-After", Long.toString(seconds));
        throw new ApiProblem(429, "too.many.requests", "'" + caller.name() + "' made over " + permits + " requests reaching Genesys"
                + " in " + period.toSeconds() + " s; retry after " + seconds + " s (the org's Genesys budget is shared)");
    }
}
