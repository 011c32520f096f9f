package dev.unstuck.core.genesys;

import java.util.Optional;

/**
 * No token could be had from {@code /oauth/token}; {@link #reason()} says why. Every call of this
 * client needs one, so nothing else is worth trying until the cause is fixed.
 */
public final class GenesysLoginException extends GenesysException {

    /** Why the login failed; each needs a different fix. */
    public enum Reason {
        /** The login service refused the client id and secret (OAuth error {@code invalid_client}, {@code unauthorized_client}, …). */
        CREDENTIALS_REJECTED,
        /** What answered at the login URL is not a Genesys Cloud login service (404, HTML, no token): wrong region or base URL. */
        NOT_A_LOGIN_SERVICE,
        /** The login service failed (429 or 5xx after the retries). */
        LOGIN_UNAVAILABLE,
        /** A ready access token was refused (401): it expired or was revoked; only a new token helps. */
        TOKEN_REFUSED
    }

    private final Reason reason;

    GenesysLoginException(Reason reason, int status, String message, Optional<ErrorBody> error, Optional<String> correlationId) {
        super(status, message, error, correlationId);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public boolean affectsEveryCall() {
        return true;
    }
}
