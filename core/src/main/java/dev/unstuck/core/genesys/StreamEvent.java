package dev.unstuck.core.genesys;

import dev.unstuck.core.conversation.Conversation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a notification channel's socket tells, one frame at a time, plus its end ({@link Closed}).
 * Sealed, so these are all the kinds a listener must consider; frames the client does not know (or
 * cannot read) are {@link Other} rather than an exception on the socket thread.
 */
public sealed interface StreamEvent {

    /**
     * A participant of a conversation in the queue changed (joined, ended, agent alerted or connected,
     * wrap-up): topic {@code v2.routing.queues.{queueId}.conversations.messages}. The conversation is
     * whole, so a listener needs no extra read to judge it.
     */
    record QueueConversation(String queueId, Conversation conversation) implements StreamEvent {

        public QueueConversation {
            Objects.requireNonNull(queueId, "queueId");
            Objects.requireNonNull(conversation, "conversation");
        }
    }

    /**
     * One detail event of a conversation: topic {@code v2.detail.events.conversation.{id}.{event}}.
     *
     * @param event the topic's last part as given: {@code acd.start}, {@code acd.end}, {@code user.end},
     *     {@code acw}, {@code wrapup}… ({@code user.end} with {@code TRANSFER} also means an agent
     *     rejected or missed the offer while the guest stays queued)
     * @param disconnectType on {@code *.end} events, as Genesys wrote it (upper case, e.g. {@code TRANSFER})
     * @param at the event's {@code eventTime}
     */
    record ConversationEvent(String conversationId, String event, String participantId, Optional<String> queueId,
            Optional<String> userId, Optional<String> disconnectType, Instant at) implements StreamEvent {

        public ConversationEvent {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(queueId, "queueId");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(disconnectType, "disconnectType");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The channel's "WebSocket Heartbeat" (about every 30 s): its absence is how a silent drop shows. */
    record Heartbeat() implements StreamEvent {
    }

    /** The answer to {@link NotificationChannel#ping()}. */
    record Pong() implements StreamEvent {
    }

    /**
     * {@code v2.system.socket_closing}: Genesys will close this socket soon, e.g. about a minute before
     * the token that opened the channel expires; open a new channel (it gets a fresh token) and subscribe.
     */
    record SocketClosing() implements StreamEvent {
    }

    /**
     * {@code v2.system.no_longer_subscribed.{channelId}}: the channel lost its subscriptions. The body is a
     * {@code SystemMessage} that names no topics, so all of them count as lost; nothing more comes until
     * the caller subscribes again (a new channel, as Genesys advises).
     */
    record NoLongerSubscribed() implements StreamEvent {
    }

    /**
     * {@code {"result":"404","message":…}}: the channel is no more (it expired, a 21st channel evicted it, or
     * its token expired); the socket closes next and a new channel is needed.
     *
     * @param message what Genesys said, cleaned
     */
    record ChannelGone(String message) implements StreamEvent {

        public ChannelGone {
            Objects.requireNonNull(message, "message");
        }
    }

    /** {@code v2.system.token_revoked.{channelId}}: the token behind the channel is gone; a new channel is needed. */
    record TokenRevoked() implements StreamEvent {
    }

    /**
     * The socket ended, said exactly once per {@link NotificationChannel#connect connect}: by the server
     * (its close code and reason), or without a close frame (network error, drop: {@code 1006} and the
     * error as reason), or by {@link NotificationChannel#close()} ({@code 1000}).
     */
    record Closed(int code, String reason) implements StreamEvent {

        public Closed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Any other frame, or one that could not be read.
     *
     * @param topicName the frame's {@code topicName}; empty when it had none or was not JSON
     */
    record Other(String topicName) implements StreamEvent {

        public Other {
            Objects.requireNonNull(topicName, "topicName");
        }
    }
}
