package dev.unstuck.sandbox.guest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/** Frames of the Web Messaging guest protocol (fact sheet §6): {@code {type, class, code, body}}. */
public final class GuestFrames {
    private final ObjectMapper json;

    public GuestFrames(ObjectMapper json) {
        this.json = json;
    }

    public String session(boolean connected, boolean newSession, boolean readOnly) {
        ObjectNode body = json.createObjectNode().put("connected", connected).put("newSession", newSession);
        if (readOnly) {
            body.put("readOnly", true);
        }
        return frame("response", "SessionResponse", 200, body);
    }

    /** The guest's own message, as the platform echoes it back once accepted. */
    public String inbound(String type, String text, String className) {
        ObjectNode body = json.createObjectNode();
        body.put("text", text);
        body.put("type", type);
        body.put("direction", "Inbound");
        body.put("id", UUID.randomUUID().toString().replace("-", ""));
        body.putObject("channel").put("time", Instant.now().toString()).put("messageId", UUID.randomUUID().toString());
        return frame("message", className, 200, body);
    }

    public String echo(String text) {
        ObjectNode body = json.createObjectNode();
        body.put("text", text);
        body.put("type", "Text");
        body.put("direction", "Inbound");
        body.put("id", UUID.randomUUID().toString().replace("-", ""));
        return frame("response", "StructuredMessage", 200, body);
    }

    /** The Presence Disconnect event; {@code readOnly} adds the metadata the ReadOnly setting sends. */
    public String disconnect(boolean readOnly, Instant at) {
        ObjectNode body = json.createObjectNode();
        body.put("type", "Event");
        body.put("direction", "Outbound");
        body.put("id", UUID.randomUUID().toString().replace("-", ""));
        body.putObject("channel").put("time", at.toString());
        body.putArray("events").addObject().put("eventType", "Presence").putObject("presence").put("type", "Disconnect");
        if (readOnly) {
            body.putObject("metadata").put("readOnly", "true");
        }
        return frame("message", "StructuredMessage", 200, body);
    }

    public String jwt(String jwt, long expEpochSeconds) {
        return frame("response", "JwtResponse", 200, json.createObjectNode().put("jwt", jwt).put("exp", expEpochSeconds));
    }

    public String connectionClosed() {
        return frame("message", "ConnectionClosedEvent", 200, json.createObjectNode());
    }

    /** Errors carried as plain strings, as the platform answers the read-only 409. */
    public String error(int code, String message) {
        return frame("response", "string", code, json.getNodeFactory().textNode(message));
    }

    private String frame(String type, String className, int code, JsonNode body) {
        ObjectNode n = json.createObjectNode();
        n.put("type", type);
        n.put("class", className);
        n.put("code", code);
        n.set("body", body);
        n.put("tracingId", UUID.randomUUID().toString());
        try {
            return json.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a guest frame", e);
        }
    }
}
