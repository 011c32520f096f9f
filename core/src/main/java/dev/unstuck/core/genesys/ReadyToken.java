package dev.unstuck.core.genesys;

import java.time.Duration;
import java.util.Optional;

/**
 * A token obtained elsewhere (GENESYSCLOUD_ACCESS_TOKEN): handed out once, as if it lived for ever;
 * asked again only after Genesys answered 401 to it, when nothing can renew it.
 */
final class ReadyToken {
    private static final Duration UNKNOWN_LIFETIME = Duration.ofDays(3650);
    private final String value;
    private final Region region;
    private boolean handedOut;

    ReadyToken(String value, Region region) {
        this.value = value;
        this.region = region;
    }

    synchronized TokenCache.Token next() {
        if (!handedOut) {
            handedOut = true;
            return new TokenCache.Token(value, UNKNOWN_LIFETIME);
        }
        throw new GenesysLoginException(GenesysLoginException.Reason.TOKEN_REFUSED, 401,
                "Genesys Cloud at " + region.apiBase() + " refused the access token (401): it expired or was revoked;"
                        + " get a new one (a ready token cannot be renewed), or use client credentials, which are renewed",
                Optional.empty(), Optional.empty());
    }
}

