package dev.unstuck.core.genesys;

import java.util.Objects;
import java.util.Optional;

/**
 * Genesys answered with an error status (after the client's retries), or could not be reached
 * ({@link GenesysUnreachableException}, status 0). Unchecked: it is I/O, and the engine turns it into
 * an outcome value where a user decides.
 */
public class GenesysException extends RuntimeException {

    private final int status;
    private final ErrorBody error;
    private final String correlationId;

    public GenesysException(int status, String message, Optional<ErrorBody> error, Optional<String> correlationId) {
        this(status, message, error, correlationId, null);
    }

    GenesysException(int status, String message, Optional<ErrorBody> error, Optional<String> correlationId, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = Objects.requireNonNull(error, "error").orElse(null);
        this.correlationId = Objects.requireNonNull(correlationId, "correlationId").orElse(null);
    }

    /** HTTP status; 0 when nothing answered. */
    public int status() {
        return status;
    }

    public Optional<ErrorBody> error() {
        return Optional.ofNullable(error);
    }

    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    /** The ErrorBody code, or empty text. */
    public String code() {
        return error().map(ErrorBody::code).orElse("");
    }
}
