package dev.unstuck.core.genesys;

import java.time.Duration;
import java.util.Objects;

/**
 * One HTTP exchange with Genesys (every attempt, token requests included), so the audit keeps every
 * {@code ININ-Correlation-ID} and callers can count API calls.
 *
 * @param status HTTP status, 0 when Genesys could not be reached
 * @param correlationId the answer's {@code ININ-Correlation-ID}, empty when it had none
 */
public record CallRecord(String method, String path, int status, String correlationId, Duration took) {

    public CallRecord {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(took, "took");
    }

    public boolean hasCorrelationId() {
        return !correlationId.isEmpty();
    }
}
