package dev.unstuck.core.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * What one step did.
 *
 * @param status HTTP status Genesys answered (after retries); 0 when it could not be reached
 * @param correlationId the answer's {@code ININ-Correlation-ID}, empty when there was none
 */
public record StepResult(Step step, int status, String correlationId, Duration took) {

    public StepResult {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(took, "took");
    }

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
