package dev.unstuck.core.genesys;

import dev.unstuck.core.conversation.Purpose;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One conversation as the analytics details query reports it: participants and their segments (the
 * {@code acd} leg's queue wait is an {@code interact} segment with a queue id, open while the guest waits).
 */
public record ConversationDetail(String conversationId, Instant start, Optional<Instant> end, List<DetailParticipant> participants) {

    public ConversationDetail {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        participants = List.copyOf(participants);
    }

    /**
     * One participant; analytics gives each a session, whose segments are flattened here.
     *
     * @param flowId a flow leg's Architect flow ({@code sessions[].flow.flowId}), empty for other legs
     * @param flowName that flow's name at the time it ran ({@code sessions[].flow.flowName})
     */
    public record DetailParticipant(String participantId, Purpose purpose, String purposeText, Optional<String> userId,
                                    Optional<String> name, List<Segment> segments, Optional<String> flowId, Optional<String> flowName) {

        public DetailParticipant {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(purposeText, "purposeText");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(name, "name");
            segments = List.copyOf(segments);
            Objects.requireNonNull(flowId, "flowId");
            Objects.requireNonNull(flowName, "flowName");
        }

        /** A leg that ran no flow. */
        public DetailParticipant(String participantId, Purpose purpose, String purposeText, Optional<String> userId,
                                 Optional<String> name, List<Segment> segments) {
            this(participantId, purpose, purposeText, userId, name, segments, Optional.empty(), Optional.empty());
        }

        /** Some segment is still open: the leg holds something. */
        public boolean open() {
            return segments.stream().anyMatch(s -> s.end().isEmpty());
        }
    }

    /** {@code segmentType} is the API's word: interact, alert, wrapup… */
    public record Segment(String type, Instant start, Optional<Instant> end, Optional<String> queueId, Optional<String> disconnectType) {

        public Segment {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(queueId, "queueId");
            Objects.requireNonNull(disconnectType, "disconnectType");
        }
    }
}
