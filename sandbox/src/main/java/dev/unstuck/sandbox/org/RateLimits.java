package dev.unstuck.sandbox.org;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-token request budget ({@code client.credentials.token.rate.per.minute} for a client-credentials token): a fixed one-minute window on the
 * sandbox clock that opens with the token's first request.
 */
public final class RateLimits {
    private static final Duration WINDOW = Duration.ofMinutes(1);

    /** The verdict for one request, with what the {@code inin-ratelimit-*} headers report. */
    public record Decision(boolean allowed, int limit, int count, long resetSeconds) {}

    private record Window(Instant start, int count) {}

    private final Map<String, Window> windows = new HashMap<>();

    public Decision admit(String tokenValue, Instant now, int limit) {
        Window w = windows.get(tokenValue);
        if (w == null || !now.isBefore(w.start.plus(WINDOW))) {
            w = new Window(now, 0);
        }
        w = new Window(w.start, w.count + 1);
        windows.put(tokenValue, w);
        long millisLeft = Duration.between(now, w.start.plus(WINDOW)).toMillis();
        long resetSeconds = Math.max(1, (millisLeft + 999) / 1000);
        return new Decision(w.count <= limit, limit, w.count, resetSeconds);
    }
}
