package dev.unstuck.core.genesys;

import java.util.Objects;

/** A routing queue, as listed by {@code GET /api/v2/routing/queues}. */
public record QueueInfo(String id, String name) {

    public QueueInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
