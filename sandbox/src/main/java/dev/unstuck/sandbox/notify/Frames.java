package dev.unstuck.sandbox.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** The WebSocket frames: events in the platform's envelope, and the channel's own messages. */
public final class Frames {
    private final ObjectMapper json;

    public Frames(ObjectMapper json) {
        this.json = json;
    }

    public String event(String topic, JsonNode body) {
        ObjectNode n = json.createObjectNode();
        n.put("topicName", topic);
        n.put("version", "2");
        n.set("eventBody", body);
        n.putObject("metadata").put("CorrelationId", UUID.randomUUID().toString());
        return write(n);
    }

    public String heartbeat() {
        return metadata("WebSocket Heartbeat");
    }

    public String pong() {
        return metadata("pong");
    }

    public String socketClosing() {
        ObjectNode body = json.createObjectNode().put("message", "The socket will close soon; reconnect to the channel.");
        return event("v2.system.socket_closing", body);
    }

    public String tokenRevoked(String channelId) {
        ObjectNode body = json.createObjectNode().put("message", "The token of this channel was revoked; get a new token and a new channel.");
        return event("v2.system.token_revoked." + channelId, body);
    }

    /**
     * The {@code SystemMessage} shape (channelId, systemTopicType, reason, message, …): it names no
     * topics, so a client cannot tell which of its subscriptions went and must subscribe again.
     */
    public String noLongerSubscribed(String channelId) {
        ObjectNode body = json.createObjectNode();
        body.put("channelId", channelId);
        body.put("systemTopicType", "no_longer_subscribed");
        body.put("reason", "");
        body.put("message", "The channel is no longer subscribed; create a new channel and subscribe again.");
        return event("v2.system.no_longer_subscribed." + channelId, body);
    }

    private String metadata(String message) {
        ObjectNode n = json.createObjectNode();
        n.put("topicName", "channel.metadata");
        n.putObject("eventBody").put("message", message);
        return write(n);
    }

    private String write(JsonNode n) {
        try {
            return json.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a frame", e);
        }
    }
}
