package dev.unstuck.core.genesys;

import java.util.Optional;

/** Nothing answered (connection refused, unknown host, timeout): status 0, message says which host and why. */
public final class GenesysUnreachableException extends GenesysException {

    GenesysUnreachableException(String message, Throwable cause) {
        super(0, message, Optional.empty(), Optional.empty(), cause);
    }
}
