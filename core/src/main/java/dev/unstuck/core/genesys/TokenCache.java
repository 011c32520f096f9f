package dev.unstuck.core.genesys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The client-credentials token, fetched on first use and renewed a little before it expires (by the
 * client's clock), or at once when Genesys says it no longer holds (401).
 */
final class TokenCache {

    /** A token and how long Genesys said it lives. */
    record Token(String value, Duration lifetime) {
    }

    private final Supplier<Token> fetch;
    private final Clock clock;
    private String value;
    private Instant renewAt = Instant.MIN;

    TokenCache(Supplier<Token> fetch, Clock clock) {
        this.fetch = fetch;
        this.clock = clock;
    }

    synchronized String current() {
        if (value == null || !clock.instant().isBefore(renewAt)) {
            refresh();
        }
        return value;
    }

    /** Renews unless another caller already replaced the stale token. */
    synchronized String renew(String stale) {
        if (value == null || value.equals(stale)) {
            refresh();
        }
        return value;
    }

    private void refresh() {
        Token token = fetch.get();
        Duration margin = token.lifetime().dividedBy(10);
        if (margin.compareTo(Duration.ofMinutes(1)) > 0) {
            margin = Duration.ofMinutes(1);
        }
        value = token.value();
        renewAt = clock.instant().plus(token.lifetime()).minus(margin);
    }
}
