package dev.unstuck.app.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.app.config.NotifySettings;

import java.nio.charset.StandardCharsets;

/**
 * The body of one message in the target's format: unstuck's own JSON for a webhook, {@code text} for a
 * Slack incoming webhook, an Adaptive Card for a Microsoft Teams incoming webhook (Workflows).
 */
final class Payload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Payload() {
    }

    static byte[] of(NotifySettings.Kind kind, String deliveryId, Alert alert, String source) {
        ObjectNode body = switch (kind) {
            case WEBHOOK -> webhook(deliveryId, alert, source);
            case SLACK -> slack(alert);
            case TEAMS -> teams(alert);
        };
        try {
            return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of text nodes always serialises", e);
        }
    }

    private static ObjectNode webhook(String deliveryId, Alert alert, String source) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", deliveryId);
        body.put("type", "unstuck.alert");
        body.put("status", alert.state().word());
        body.put("condition", alert.condition().word());
        body.put("org", alert.org());
        body.put("subject", alert.subject());
        body.put("summary", alert.summary());
        body.put("since", alert.since().toString());
        body.put("at", alert.at().toString());
        body.put("source", source);
        return body;
    }

    private static ObjectNode slack(Alert alert) {
        ObjectNode body = JSON.createObjectNode();
        body.put("text", (alert.state() == Alert.State.FIRING ? ":red_circle: " : ":large_green_circle: ") + "unstuck " + alert.headline());
        return body;
    }

    private static ObjectNode teams(Alert alert) {
        ObjectNode card = JSON.createObjectNode();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode blocks = card.putArray("body");
        ObjectNode title = blocks.addObject();
        title.put("type", "TextBlock");
        title.put("weight", "Bolder");
        title.put("wrap", true);
        title.put("color", alert.state() == Alert.State.FIRING ? "Attention" : "Good");
        title.put("text", "unstuck " + (alert.state() == Alert.State.RESOLVED ? "resolved: " : "") + alert.org() + ": "
                + alert.condition().title());
        ObjectNode text = blocks.addObject();
        text.put("type", "TextBlock");
        text.put("wrap", true);
        text.put("text", (alert.subject().isEmpty() ? "" : alert.subject() + ": ") + alert.summary());
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "message");
        ObjectNode attachment = body.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.set("content", card);
        return body;
    }
}
