package dev.unstuck.sandbox.org;

import java.util.Objects;
import java.util.Optional;

/**
 * A user who answers conversations from queues.
 *
 * @param divisionId the division the user lies in; empty: the home division
 */
public record Agent(String id, String name, Optional<String> divisionId) {
    public Agent {
        Objects.requireNonNull(divisionId, "divisionId");
    }

    public Agent(String id, String name) {
        this(id, name, Optional.empty());
    }
}
