package dev.unstuck.core.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A messaging conversation and its legs, in order of arrival.
 *
 * @param divisionIds the divisions Genesys lists for it ({@code divisions[].division.id}): those of the entities that touched it
 */
public record Conversation(String id, Optional<Instant> startTime, Optional<Instant> endTime, List<Participant> participants,
                           List<String> divisionIds) {

    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        participants = List.copyOf(participants);
        divisionIds = List.copyOf(divisionIds);
    }

    /** A conversation whose divisions are not known. */
    public Conversation(String id, Optional<Instant> startTime, Optional<Instant> endTime, List<Participant> participants) {
        this(id, startTime, endTime, participants, List.of());
    }

    /** The queue that holds (or last held) the guest: the latest {@code acd} leg's queue. */
    public Optional<String> queueId() {
        Optional<String> queue = Optional.empty();
        for (Participant p : participants) {
            if (p.purpose() == Purpose.ACD && p.queueId().isPresent()) {
                queue = p.queueId();
            }
        }
        return queue;
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
