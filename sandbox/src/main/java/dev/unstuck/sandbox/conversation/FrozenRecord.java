package dev.unstuck.sandbox.conversation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What analytics had of a conversation when its record stopped taking changes: the legs begun by then,
 * each with its segments as they were, and the end if it had come. Later changes reach the conversation
 * API, never analytics: the field's ghost, open in analytics for ever while the conversation has ended.
 *
 * @param segments by participant id, in order of arrival
 */
public record FrozenRecord(Instant at, Optional<Instant> end, Map<String, List<Segment>> segments) {

    public FrozenRecord {
        segments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(segments));
    }

    static FrozenRecord of(Conversation c, Instant at) {
        Map<String, List<Segment>> segments = new LinkedHashMap<>();
        for (Participant p : c.participants()) {
            segments.put(p.id(), List.copyOf(p.segments()));
        }
        return new FrozenRecord(at, c.endTime(), segments);
    }
}
