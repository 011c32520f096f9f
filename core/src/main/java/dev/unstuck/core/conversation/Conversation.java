package dev.unstuck.core.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** A messaging conversation and its legs, in order of arrival. */
public record Conversation(String id, Optional<Instant> startTime, Optional<Instant> endTime, List<Participant> participants) {

    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        participants = List.copyOf(participants);
    }

    /** Ended when Genesys set an end time or no leg is active any more. */
    public boolean ended() {
        return endTime.isPresent() || participants.stream().noneMatch(Participant::active);
    }

    /** Compact text of the legs, e.g. {@code customer:connected workflow:disconnected acd(Support):connected}. */
    public String describe() {
        return participants.stream().map(Participant::describe).collect(Collectors.joining(" "));
    }
}
