package dev.unstuck.core.genesys;

import java.time.Duration;
import java.util.Objects;

/**
 * How politely and how stubbornly the client talks to Genesys.
 *
 * @param requestsPerMinute client-side budget: calls spread evenly, never more in any minute and a half-second (see CallBudget); at or under the org's limit
 * @param retryAfterCeiling longest {@code Retry-After} honoured on 429; above it the call gives up
 * @param maxAttempts attempts per call including the first, for 429, 502/503/504 and network errors
 * @param requestTimeout timeout of one HTTP exchange
 */
public record ClientSettings(int requestsPerMinute, Duration retryAfterCeiling, int maxAttempts, Duration requestTimeout) {

    public ClientSettings {
        Objects.requireNonNull(retryAfterCeiling, "retryAfterCeiling");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be at least 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** 300 requests a minute (the documented default org budget), Retry-After up to 180 s, 5 attempts, 30 s timeout. */
    public static ClientSettings defaults() {
        return new ClientSettings(300, Duration.ofSeconds(180), 5, Duration.ofSeconds(30));
    }

    public ClientSettings withRequestsPerMinute(int value) {
        return new ClientSettings(value, retryAfterCeiling, maxAttempts, requestTimeout);
    }

    public ClientSettings withRetryAfterCeiling(Duration value) {
        return new ClientSettings(requestsPerMinute, value, maxAttempts, requestTimeout);
    }

    public ClientSettings withMaxAttempts(int value) {
        return new ClientSettings(requestsPerMinute, retryAfterCeiling, value, requestTimeout);
    }

    public ClientSettings withRequestTimeout(Duration value) {
        return new ClientSettings(requestsPerMinute, retryAfterCeiling, maxAttempts, value);
    }
}
