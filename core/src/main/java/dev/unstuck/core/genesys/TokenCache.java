package dev.unstuck.core.genesys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The client-credentials token, fetched on first use and renewed a little before it expires (by the
 * client's clock), or at once when Genesys says it no longer holds (401). Rejected credentials are
 * remembered for {@link #REJECTION_HELD}: the calls of a batch meet the first rejection again instead
 * of each asking the login service (which counts failed logins). A credential check does not wait
 * that out: {@link #renewNow()} asks the login service at once, so the service sees an administrator's
 * fix at its next check (docs/service.md, "Credential recovery").
 */
final class TokenCache {

    /** A token and how long Genesys said it lives. */
    record Token(String value, Duration lifetime) {
    }

    static final Duration REJECTION_HELD = Duration.ofMinutes(1);

    private final Supplier<Token> fetch;
    private final Clock clock;
    private String value;
    private Instant renewAt = Instant.MIN;
    private Instant halfLife = Instant.MIN;
    private GenesysLoginException rejected;
    private Instant rejectedUntil = Instant.MIN;

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

    /**
     * A token with at least half its life ahead, renewed otherwise: for what lives only as long as the
     * token it was made with (a notification channel's socket closes when that token expires).
     */
    synchronized String fresh() {
        if (value == null || !clock.instant().isBefore(halfLife)) {
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

    /** A new token now, whatever the cache holds and whatever refusal it remembers. */
    synchronized String renewNow() {
        rejected = null;
        refresh();
        return value;
    }

    private void refresh() {
        if (rejected != null && clock.instant().isBefore(rejectedUntil)) {
            throw rejected;
        }
        Token token;
        try {
            token = fetch.get();
        } catch (GenesysLoginException e) {
            if (e.reason() == GenesysLoginException.Reason.CREDENTIALS_REJECTED) {
                rejected = e;
                rejectedUntil = clock.instant().plus(REJECTION_HELD);
            }
            throw e;
        }
        rejected = null;
        Duration margin = token.lifetime().dividedBy(10);
        if (margin.compareTo(Duration.ofMinutes(1)) > 0) {
            margin = Duration.ofMinutes(1);
        }
        Instant now = clock.instant();
        value = token.value();
        renewAt = now.plus(token.lifetime()).minus(margin);
        halfLife = now.plus(token.lifetime().dividedBy(2));
    }
}
