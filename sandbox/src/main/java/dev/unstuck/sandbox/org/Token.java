package dev.unstuck.sandbox.org;

import java.time.Instant;

/** An access token issued to a client; it expires on the sandbox clock. */
public record Token(String value, String clientId, Instant issuedAt, Instant expiresAt) {
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
