package dev.unstuck.sandbox.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.util.Optional;

/**
 * How every control call reads and answers: a JSON object in (an empty body is {@code {}}), a status and
 * JSON out, errors as {@code {"status", "message"}}.
 */
final class ControlJson {
    private final ObjectMapper json;

    ControlJson(ObjectMapper json) {
        this.json = json;
    }

    /** The body as a JSON object; empty when it is not one. */
    Optional<JsonNode> body(Context ctx) {
        try {
            JsonNode node = json.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    Reply problem(int status, String message) {
        return new Reply(status, json.createObjectNode().put("status", status).put("message", message));
    }

    void send(Context ctx, Reply reply) {
        ctx.status(reply.status());
        if (reply.body() != null) {
            try {
                ctx.contentType("application/json").result(json.writeValueAsString(reply.body()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render JSON", e);
            }
        }
    }
}
