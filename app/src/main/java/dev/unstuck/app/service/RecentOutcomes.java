package dev.unstuck.app.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The outcomes of endings just finished on this replica, for callers arriving after the ending (as the
 * claim row keeps them across replicas). Each is forgotten {@code keep} after it was given, so the oldest
 * go first. Time is the service's clock, so tests move it by hand; a step of the wall clock only
 * lengthens or shortens one minute's memory. No size bound: every ending costs Genesys calls, so the
 * org's budget bounds a minute of them, and Caffeine's size eviction (by how often an entry is read)
 * could drop the newest outcome, the very one a late caller asks for.
 */
final class RecentOutcomes {
    private final Cache<String, String> bodies;

    RecentOutcomes(Duration keep, Clock clock) {
        this.bodies = Caffeine.newBuilder()
                .expireAfterWrite(keep)
                .ticker(ticker(clock))
                // Clean-up on the caller's thread: nothing runs later on its own, which a hand-moved clock could not drive.
                .executor(Runnable::run)
                .build();
    }

    /** The outcome given for {@code key} within the keeping time, if any. */
    Optional<String> get(String key) {
        return Optional.ofNullable(bodies.getIfPresent(key));
    }

    void put(String key, String body) {
        bodies.put(key, body);
    }

    /** How many are kept now (expired ones cleaned up first). */
    long size() {
        bodies.cleanUp();
        return bodies.estimatedSize();
    }

    /** The clock as Caffeine reads time: nanoseconds, from any fixed origin (the epoch here). */
    private static Ticker ticker(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        };
    }
}
