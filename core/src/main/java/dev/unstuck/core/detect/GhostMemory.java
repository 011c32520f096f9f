package dev.unstuck.core.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Where a sweep or watch keeps the analytics ghosts of one org, so a ghost costs one look and is then
 * left out of detection for {@link #REMEMBERED_FOR}: a ghost stays open in analytics, so without the
 * memory every run would look at every ghost again. The app keeps it in the audit database; core only
 * asks and tells. After a day a ghost is looked at once more (the conversation API may have been wrong).
 */
public interface GhostMemory {

    /** How long a ghost is left out of detection after its last look. */
    Duration REMEMBERED_FOR = Duration.ofDays(1);

    /** The conversations seen as ghosts since {@code since}. */
    Set<String> seenSince(Instant since);

    /** Remembers the ghost (again: a later look moves its time on). */
    void remember(AnalyticsGhost ghost);

    /** Remembers nothing: every ghost costs its look on every run. */
    static GhostMemory none() {
        return new GhostMemory() {
            @Override
            public Set<String> seenSince(Instant since) {
                return Set.of();
            }

            @Override
            public void remember(AnalyticsGhost ghost) {
                // forgotten at once
            }
        };
    }

    /** Remembers for as long as this process runs (tests, one-off tools). */
    static GhostMemory inProcess() {
        Map<String, Instant> seen = new ConcurrentHashMap<>();
        return new GhostMemory() {
            @Override
            public Set<String> seenSince(Instant since) {
                return seen.entrySet().stream().filter(e -> !e.getValue().isBefore(since)).map(Map.Entry::getKey)
                        .collect(Collectors.toUnmodifiableSet());
            }

            @Override
            public void remember(AnalyticsGhost ghost) {
                seen.put(ghost.conversationId(), ghost.seenAt());
            }
        };
    }
}
