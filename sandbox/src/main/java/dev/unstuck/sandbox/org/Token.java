package dev.unstuck.sandbox.org;

import java.time.Instant;
import java.util.Optional;

/** An access token issued to a client, or to a user through a client; it expires on the sandbox clock. */
public record Token(String value, String clientId, Instant issuedAt, Instant expiresAt, Optional<String> userId) {

    public Token(String value, String clientId, Instant issuedAt, Instant expiresAt) {
        this(value, clientId, issuedAt, expiresAt, Optional.empty());
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
