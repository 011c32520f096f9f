package dev.unstuck.core.genesys;

import java.util.Optional;

/**
 * No answer, or no whole answer, in time (connection refused, unknown host, a timeout, a body that
 * stalled): status 0, the message says which host and why. For a PATCH or POST that may have been sent,
 * {@link #mayHaveBeenApplied()} says that its result is unknown.
 */
public final class GenesysUnreachableException extends GenesysException {

    private final boolean mayHaveBeenApplied;

    GenesysUnreachableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    GenesysUnreachableException(String message, Throwable cause, boolean mayHaveBeenApplied) {
        super(0, message, Optional.empty(), Optional.empty(), cause);
        this.mayHaveBeenApplied = mayHaveBeenApplied;
    }

    @Override
    public boolean affectsEveryCall() {
        return true;
    }

    @Override
    public boolean mayHaveBeenApplied() {
        return mayHaveBeenApplied;
    }
}
