package dev.unstuck.core.genesys;

import java.time.Duration;
import java.util.Objects;

/**
 * How politely and how stubbornly the client talks to Genesys.
 *
 * @param requestsPerMinute client-side budget: calls spread evenly, never more in any minute and a half-second (see CallBudget); at or under the org's limit
 * @param retryAfterCeiling longest {@code Retry-After} honoured on 429; above it the call gives up
 * @param maxAttempts attempts per call including the first, for 429, 502/503/504 and network errors
 * @param requestTimeout one HTTP exchange, from sending to the last byte of the answer (a body that stalls after its headers counts)
 * @param connectTimeout opening the connection (a host that drops packets is given up on this soon)
 * @param giveUpAfter no retry of a network failure or 502/503/504 starts after this long since the call began, so a
 *     server that never answers fails in about this time, not attempts × timeout; a 429's Retry-After is bounded by
 *     {@code retryAfterCeiling} instead
 * @param reservedForActsPercent the share (0–90) of {@code requestsPerMinute} kept for acts and their verification,
 *     which reads (inspect, scans) cannot take: a viewer looping on inspect cannot starve an ending (see FairBudget)
 */
public record ClientSettings(int requestsPerMinute, Duration retryAfterCeiling, int maxAttempts, Duration requestTimeout,
                             Duration connectTimeout, Duration giveUpAfter, int reservedForActsPercent) {

    /**
     * The share of the budget kept for acts unless set (an org's {@code reservedForActsPercent} in the config
     * file): a fifth (60 of the default 300 calls a minute, some 15 endings).
     */
    public static final int DEFAULT_RESERVED_FOR_ACTS_PERCENT = 20;
    /** Past 90% kept for acts, reads (the scans that find what to end) would crawl. */
    public static final int MAX_RESERVED_FOR_ACTS_PERCENT = 90;

    public ClientSettings(int requestsPerMinute, Duration retryAfterCeiling, int maxAttempts, Duration requestTimeout,
                          Duration connectTimeout, Duration giveUpAfter) {
        this(requestsPerMinute, retryAfterCeiling, maxAttempts, requestTimeout, connectTimeout, giveUpAfter, DEFAULT_RESERVED_FOR_ACTS_PERCENT);
    }

    public ClientSettings {
        Objects.requireNonNull(retryAfterCeiling, "retryAfterCeiling");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be at least 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout and connectTimeout must be positive");
        }
        if (giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("giveUpAfter must not be negative");
        }
        if (reservedForActsPercent < 0 || reservedForActsPercent > MAX_RESERVED_FOR_ACTS_PERCENT) {
            throw new IllegalArgumentException("reservedForActsPercent must be from 0 to " + MAX_RESERVED_FOR_ACTS_PERCENT);
        }
    }

    /**
     * 300 requests a minute (the documented default org budget), Retry-After up to 180 s, 5 attempts,
     * 30 s per exchange, 10 s to connect, no new retry of a failure after 60 s.
     */
    public static ClientSettings defaults() {
        return new ClientSettings(300, Duration.ofSeconds(180), 5, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public ClientSettings withRequestsPerMinute(int value) {
        return new ClientSettings(value, retryAfterCeiling, maxAttempts, requestTimeout, connectTimeout, giveUpAfter, reservedForActsPercent);
    }

    public ClientSettings withRetryAfterCeiling(Duration value) {
        return new ClientSettings(requestsPerMinute, value, maxAttempts, requestTimeout, connectTimeout, giveUpAfter, reservedForActsPercent);
    }

    public ClientSettings withMaxAttempts(int value) {
        return new ClientSettings(requestsPerMinute, retryAfterCeiling, value, requestTimeout, connectTimeout, giveUpAfter, reservedForActsPercent);
    }

    public ClientSettings withRequestTimeout(Duration value) {
        return new ClientSettings(requestsPerMinute, retryAfterCeiling, maxAttempts, value, connectTimeout, giveUpAfter, reservedForActsPercent);
    }

    public ClientSettings withConnectTimeout(Duration value) {
        return new ClientSettings(requestsPerMinute, retryAfterCeiling, maxAttempts, requestTimeout, value, giveUpAfter, reservedForActsPercent);
    }

    public ClientSettings withReservedForActsPercent(int value) {
        return new ClientSettings(requestsPerMinute, retryAfterCeiling, maxAttempts, requestTimeout, connectTimeout, giveUpAfter, value);
    }

    public ClientSettings withGiveUpAfter(Duration value) {
        return new ClientSettings(requestsPerMinute, retryAfterCeiling, maxAttempts, requestTimeout, connectTimeout, value, reservedForActsPercent);
    }
}
