package dev.unstuck.sandbox.conversation;

import java.time.Instant;
import java.util.Optional;

/**
 * One stretch of a participant's life: {@code interact}, {@code alert} or {@code wrapup}, as analytics
 * reports them. Open while {@code end} is empty.
 */
public record Segment(String type, Instant start, Optional<Instant> end, Optional<String> queueId,
                      Optional<String> disconnectType) {
    public static Segment open(String type, Instant start, Optional<String> queueId) {
        return new Segment(type, start, Optional.empty(), queueId, Optional.empty());
    }

    public Segment closedAt(Instant at, Optional<String> howDisconnected) {
        return new Segment(type, start, Optional.of(at), queueId, howDisconnected);
    }

    public boolean isOpen() {
        return end.isEmpty();
    }
}
