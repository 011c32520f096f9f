package dev.unstuck.core.genesys;

import java.util.Optional;

/**
 * Something answered, but not as Genesys does: an HTML page, JSON cut short, an error status without
 * Genesys' error body (a 404 from a host that is not a Genesys Cloud API). Usually a wrong region or
 * base URL, or a proxy in the way; nothing the answer says can be trusted about the resource asked for.
 */
public final class GenesysUnexpectedAnswerException extends GenesysException {

    GenesysUnexpectedAnswerException(int status, String message, Optional<String> correlationId) {
        super(status, message, Optional.empty(), correlationId);
    }

    @Override
    public boolean affectsEveryCall() {
        return true;
    }
}
