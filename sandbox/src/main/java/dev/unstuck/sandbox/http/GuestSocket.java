package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.guest.GuestFrames;
import dev.unstuck.sandbox.guest.GuestSessions;
import dev.unstuck.sandbox.notify.Socket;
import io.javalin.config.RoutesConfig;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The Web Messaging guest WebSocket at {@code /v1?deploymentId=...}. */
public final class GuestSocket {
    /** The guest API's code for a request missing a parameter (fact sheet §6, ErrorCode 4020). */
    static final int MISSING_PARAMETER = 4020;
    private final GuestSessions guests;
    private final GuestFrames frames;
    private final ObjectMapper json;
    private final Map<String, Socket> open = new ConcurrentHashMap<>();

    public GuestSocket(GuestSessions guests, ObjectMapper json) {
        this.guests = guests;
        this.frames = new GuestFrames(json);
        this.json = json;
    }

    public void register(RoutesConfig app) {
        app.ws("/v1", ws -> {
            ws.onConnect(ctx -> {
                String deploymentId = ctx.queryParam("deploymentId");
                if (deploymentId == null || !guests.knowsDeployment(deploymentId)) {
                    ctx.send(frames.error(400, "Invalid deploymentId: " + deploymentId));
                    ctx.closeSession(1008, "unknown deployment");
                    return;
                }
                open.put(ctx.sessionId(), ChannelSocket.socketOf(ctx));
            });
            ws.onMessage(ctx -> {
                Socket socket = open.get(ctx.sessionId());
                if (socket == null) {
                    return;
                }
                JsonNode request;
                try {
                    request = json.readTree(ctx.message());
                } catch (java.io.IOException e) {
                    ctx.send(frames.error(400, "The request is not JSON"));
                    return;
                }
                if (request == null || !request.isObject()) {
                    ctx.send(frames.error(400, "The request must be a JSON object with an action"));
                    return;
                }
                Optional<String> missing = missingMessage(request);
                if (missing.isPresent()) {
                    ctx.send(frames.error(MISSING_PARAMETER, missing.get()));
                    return;
                }
                guests.handle(ctx.queryParam("deploymentId"), socket, request);
            });
            ws.onClose(ctx -> {
                Socket socket = open.remove(ctx.sessionId());
                if (socket != null) {
                    guests.socketClosed(socket);
                }
            });
        });
    }

    /** A message action whose {@code message} is absent, null or not an object: a null must not read as an empty text. */
    private static Optional<String> missingMessage(JsonNode request) {
        String action = request.path("action").asText("");
        if ((action.equals("onMessage") || action.equals("echo")) && !request.path("message").isObject()) {
            return Optional.of("message is required for " + action + ": an object such as {\"type\": \"Text\", \"text\": \"...\"}");
        }
        return Optional.empty();
    }
}
