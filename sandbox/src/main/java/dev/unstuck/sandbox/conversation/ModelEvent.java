package dev.unstuck.sandbox.conversation;

import java.time.Instant;
import java.util.Optional;

/**
 * What happened to a conversation, in the order it happened. Analytics, notifications and the guest
 * WebSocket (part 2) are built on these; the REST API reads the model directly.
 */
public sealed interface ModelEvent {
    String conversationId();

    Instant at();

    record ParticipantStarted(String conversationId, String participantId, LegKind kind, Optional<String> queueId,
                              Optional<String> userId, Instant at) implements ModelEvent {}

    record ParticipantEnded(String conversationId, String participantId, LegKind kind, String disconnectType,
                            Instant at) implements ModelEvent {}

    record AcdStarted(String conversationId, String participantId, String queueId, Instant at) implements ModelEvent {}

    /** {@code outcome} as analytics has it: ANSWERED, ABANDON, FLOW_OUT or UNKNOWN. */
    record AcdEnded(String conversationId, String participantId, String queueId, String outcome,
                    String disconnectType, Instant at) implements ModelEvent {}

    record AgentAlerted(String conversationId, String participantId, String userId, Instant at) implements ModelEvent {}

    record AgentConnected(String conversationId, String participantId, String userId, Instant at) implements ModelEvent {}

    record AfterCallWorkStarted(String conversationId, String participantId, String userId, Instant at)
            implements ModelEvent {}

    record WrapupApplied(String conversationId, String participantId, Wrapup wrapup, Instant at) implements ModelEvent {}

    /** A message was sent on a leg: the guest's on the customer leg, an agent's reply on the agent leg. */
    record MessageSent(String conversationId, String participantId, LegKind kind, String messageId, Instant at)
            implements ModelEvent {}

    /** The queue stops counting the conversation as waiting (acd leg ended, or lingering cleaned up). */
    record QueueEntryFreed(String conversationId, String queueId, Instant at) implements ModelEvent {}

    record ConversationEnded(String conversationId, Instant at) implements ModelEvent {}
}
