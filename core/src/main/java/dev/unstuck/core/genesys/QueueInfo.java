package dev.unstuck.core.genesys;

import java.util.Objects;
import java.util.Optional;

/**
 * A routing queue, as listed by {@code GET /api/v2/routing/queues} (only the queues in the client's
 * divisions) or {@code …/queues/divisionviews/all} (every queue of the org).
 */
public record QueueInfo(String id, String name, Optional<String> divisionId) {

    public QueueInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(divisionId, "divisionId");
    }

    public QueueInfo(String id, String name) {
        this(id, name, Optional.empty());
    }
}
