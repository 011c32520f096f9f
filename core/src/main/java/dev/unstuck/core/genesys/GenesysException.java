package dev.unstuck.core.genesys;

import java.util.Objects;
import java.util.Optional;

/**
 * Genesys answered with an error status (after the client's retries). Its subclasses say when the
 * failure is not about the resource asked for: nothing answered in time
 * ({@link GenesysUnreachableException}, status 0), what answered is not Genesys
 * ({@link GenesysUnexpectedAnswerException}), or no token could be had ({@link GenesysLoginException}).
 * Unchecked: it is I/O, and the engine turns it into an outcome value where a user decides. Its message
 * holds server text only as {@link ServerText#clean(String) cleaned}.
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

    /**
     * True when the failure says nothing about the resource asked for, so every other call to this org
     * would meet it too (unreachable, not Genesys, no token): a batch stops at the first one instead of
     * failing each item alike. A plain error answer (403, 404, 409, …) is about its resource: false.
     */
    public boolean affectsEveryCall() {
        return false;
    }

    /**
     * True when a request that changes something (PATCH, POST) may have reached Genesys and been applied
     * although no answer came (a timeout after it was sent, a connection cut mid-answer). Its result is
     * unknown: look again before deciding anything.
     */
    public boolean mayHaveBeenApplied() {
        return false;
    }

    /** The ErrorBody code, or empty text. */
    public String code() {
        return error().map(ErrorBody::code).orElse("");
    }
}
