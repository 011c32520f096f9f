package dev.unstuck.sandbox.org;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's request buckets, each a fixed one-minute window on the sandbox clock that opens with
 * its first request: per token ({@code client.credentials.token.rate.per.minute}), per token and route
 * (an observed {@code inin-ratelimit-allowed} of 180), per token and namespace ({@code analytics},
 * {@code notifications}) and, on the token endpoint, per OAuth client ({@code auth.api}). A request
 * counts in every bucket it falls in, refused or not; it is refused when any of them is over.
 */
public final class RateLimits {
    private static final Duration WINDOW = Duration.ofMinutes(1);

    /**
     * One limit a request falls under.
     *
     * @param counter what it is counted per (token, route, namespace: never shown)
     * @param key the limit's key as the 429 body names it
     * @param namespace the limit's namespace as the 429 body names it
     */
    public record Bucket(String counter, String key, String namespace, int limit) {}

    /**
     * The verdict for one request, with the bucket that binds: the one that refused it, else the one
     * with the fewest requests left; what the {@code inin-ratelimit-*} headers report.
     */
    public record Decision(boolean allowed, Bucket binding, int count, long resetSeconds) {
        public int limit() {
            return binding.limit();
        }
    }

    private record Window(Instant start, int count) {}

    private record Counted(Bucket bucket, int count, long resetSeconds) {
        boolean over() {
            return count > bucket.limit();
        }

        int left() {
            return bucket.limit() - count;
        }
    }

    private final Map<String, Window> windows = new HashMap<>();

    /** Counts the request in each bucket (at least one) and judges it. */
    public Decision admit(List<Bucket> buckets, Instant now) {
        if (buckets.isEmpty()) {
            throw new IllegalArgumentException("a request falls in at least one bucket");
        }
        List<Counted> counted = buckets.stream().map(b -> count(b, now)).toList();
        // A refusal says the longest wait of the buckets that refused: retrying sooner meets another 429.
        Counted binding = counted.stream().filter(Counted::over).max(Comparator.comparingLong(Counted::resetSeconds))
                .orElseGet(() -> counted.stream()
                        .min(Comparator.comparingInt(Counted::left).thenComparingInt(c -> c.bucket().limit())).orElseThrow());
        return new Decision(!binding.over(), binding.bucket(), binding.count(), binding.resetSeconds());
    }

    private Counted count(Bucket bucket, Instant now) {
        Window w = windows.get(bucket.counter());
        if (w == null || !now.isBefore(w.start.plus(WINDOW))) {
            w = new Window(now, 0);
        }
        w = new Window(w.start, w.count + 1);
        windows.put(bucket.counter(), w);
        long millisLeft = Duration.between(now, w.start.plus(WINDOW)).toMillis();
        return new Counted(bucket, w.count, Math.max(1, (millisLeft + 999) / 1000));
    }
}
