package dev.unstuck.sandbox.guest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

/** The frames the Web Messaging guest API sends, shaped as the fact sheet (§6) shows them. */
final class GuestFrames {
    static final String READ_ONLY = "Session is read-only, no new messages allowed";

    private final ObjectMapper json;

    GuestFrames(ObjectMapper json) {
        this.json = json;
    }

    String sessionResponse(boolean connected, boolean newSession, boolean readOnly) {
        ObjectNode body = json.createObjectNode().put("connected", connected);
        if (connected) {
            body.put("newSession", newSession).put("readOnly", readOnly);
        }
        return frame("response", "SessionResponse", 200, body);
    }

    /** The guest's own message as the server echoes it: an Inbound Text StructuredMessage. */
    String inbound(String text, Instant at) {
        ObjectNode body = json.createObjectNode().put("text", text).put("type", "Text").put("direction", "Inbound")
                .put("id", UUID.randomUUID().toString());
        body.putObject("channel").put("time", at.toString());
        return frame("message", "StructuredMessage", 200, body);
    }

    /** The Presence Disconnect event; with ReadOnly it carries {@code metadata.readOnly = "true"}. */
    String disconnect(boolean readOnly, Instant at) {
        ObjectNode body = json.createObjectNode().put("type", "Event").put("direction", "Outbound")
                .put("id", UUID.randomUUID().toString());
        body.putObject("channel").put("time", at.toString());
        body.putArray("events").addObject().put("eventType", "Presence").putObject("presence").put("type", "Disconnect");
        if (readOnly) {
            body.putObject("metadata").put("readOnly", "true");
        }
        return frame("message", "StructuredMessage", 200, body);
    }

    String jwt(String token, Instant expires) {
        ObjectNode body = json.createObjectNode().put("jwt", "sandbox." + token + "." + expires.getEpochSecond())
                .put("exp", expires.getEpochSecond());
        return frame("response", "JwtResponse", 200, body);
    }

    String connectionClosed() {
        return frame("message", "ConnectionClosedEvent", 200, json.createObjectNode());
    }

    /** Errors come as a plain string body with a status-like code, like the read-only 409 of the field. */
    String error(int code, String text) {
        ObjectNode frame = json.createObjectNode().put("type", "response").put("class", "string").put("code", code)
                .put("body", text);
        return frame.toString();
    }

    private String frame(String type, String className, int code, ObjectNode body) {
        ObjectNode frame = json.createObjectNode().put("type", type).put("class", className).put("code", code);
        frame.set("body", body);
        frame.put("tracingId", UUID.randomUUID().toString());
        return frame.toString();
    }
}
