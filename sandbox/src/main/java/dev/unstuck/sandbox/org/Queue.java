package dev.unstuck.sandbox.org;

import java.util.Objects;
import java.util.Optional;

/**
 * A routing queue; it lies in one division, and so do the conversations routed to it.
 *
 * @param inQueueFlowId the flow a looping guest of this queue is sent to and back from; empty: the org's inbound flow
 */
public record Queue(String id, String name, String divisionId, Optional<String> inQueueFlowId) {

    public Queue {
        Objects.requireNonNull(inQueueFlowId, "inQueueFlowId");
    }

    public Queue(String id, String name, String divisionId) {
        this(id, name, divisionId, Optional.empty());
    }
}
