package dev.unstuck.core.genesys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.core.genesys.StreamEvent.ConversationEvent;
import dev.unstuck.core.genesys.StreamEvent.Heartbeat;
import dev.unstuck.core.genesys.StreamEvent.NoLongerSubscribed;
import dev.unstuck.core.genesys.StreamEvent.Other;
import dev.unstuck.core.genesys.StreamEvent.Pong;
import dev.unstuck.core.genesys.StreamEvent.QueueConversation;
import dev.unstuck.core.genesys.StreamEvent.SocketClosing;
import dev.unstuck.core.genesys.StreamEvent.TokenRevoked;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one whole WebSocket frame into a {@link StreamEvent}. Never throws: a frame it cannot read is
 * {@link Other}, because an exception here would only kill the delivery of every later frame.
 */
final class StreamFrames {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUEUE = Pattern.compile("v2\\.routing\\.queues\\.([^.]+)\\.conversations\\.messages");
    private static final Pattern DETAIL = Pattern.compile("v2\\.detail\\.events\\.conversation\\.([^.]+)\\.(.+)");

    private StreamFrames() {
    }

    static StreamEvent parse(String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new Other("");
        }
        if (frame == null || !frame.isObject()) {
            return new Other("");
        }
        if (frame.path("result").asText("").equals("404")) {
            return new StreamEvent.ChannelGone(ServerText.clean(frame.path("message").asText("")));
        }
        String topic = frame.path("topicName").asText("");
        try {
            return event(topic, frame.path("eventBody")).orElseGet(() -> new Other(ServerText.clean(topic)));
        } catch (RuntimeException e) {
            // A body of an unexpected shape (e.g. a time that is not one): the frame is unknown, the stream goes on.
            return new Other(ServerText.clean(topic));
        }
    }

    private static Optional<StreamEvent> event(String topic, JsonNode body) {
        if (topic.equals("channel.metadata")) {
            return switch (body.path("message").asText("")) {
                case "WebSocket Heartbeat" -> Optional.of(new Heartbeat());
                case "pong" -> Optional.of(new Pong());
                default -> Optional.empty();
            };
        }
        if (topic.equals("v2.system.socket_closing")) {
            return Optional.of(new SocketClosing());
        }
        if (topic.startsWith("v2.system.no_longer_subscribed.")) {
            return Optional.of(new NoLongerSubscribed());
        }
        if (topic.startsWith("v2.system.token_revoked.")) {
            return Optional.of(new TokenRevoked());
        }
        Matcher queue = QUEUE.matcher(topic);
        if (queue.matches()) {
            return body.hasNonNull("id") && body.path("participants").isArray()
                    ? Optional.of(new QueueConversation(queue.group(1), ApiJson.conversation(body)))
                    : Optional.empty();
        }
        Matcher detail = DETAIL.matcher(topic);
        if (detail.matches()) {
            return conversationEvent(detail.group(1), detail.group(2), body);
        }
        return Optional.empty();
    }

    /** Needs what every detail event has (eventTime, participantId); the rest as far as given. */
    private static Optional<StreamEvent> conversationEvent(String conversationId, String event, JsonNode body) {
        if (!body.path("eventTime").canConvertToLong() || text(body.path("participantId")).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConversationEvent(conversationId, event, body.path("participantId").asText(),
                text(body.path("queueId")), text(body.path("userId")), text(body.path("disconnectType")),
                Instant.ofEpochMilli(body.path("eventTime").asLong())));
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
