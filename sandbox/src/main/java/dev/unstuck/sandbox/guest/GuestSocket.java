package dev.unstuck.sandbox.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.conversation.GuestKind;
import dev.unstuck.sandbox.conversation.GuestSpec;
import dev.unstuck.sandbox.conversation.LegKind;
import dev.unstuck.sandbox.conversation.ModelEvent;
import dev.unstuck.sandbox.org.Deployment;
import dev.unstuck.sandbox.world.State;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Web Messaging guest side: {@code ws://127.0.0.1:PORT/v1?deploymentId=...}. A guest who sends a
 * message enters the deployment's inbound flow and queue like a scenario guest; when the server ends
 * that conversation, the guest sees what the deployment's Conversation Disconnect setting says.
 */
public final class GuestSocket {
    private final State state;
    private final ObjectMapper json;
    private final GuestFrames frames;
    private final Map<String, GuestSession> byToken = new ConcurrentHashMap<>();
    private final Map<String, GuestSession> byConversation = new ConcurrentHashMap<>();
    private final AtomicInteger guests = new AtomicInteger();
    // Model events arrive under the state lock; frames leave from here so a slow socket never holds it,
    // and in the order they were decided.
    private final ExecutorService outbox = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-guest-outbox");
        t.setDaemon(true);
        return t;
    });

    public GuestSocket(State state, ObjectMapper json) {
        this.state = state;
        this.json = json;
        this.frames = new GuestFrames(json);
    }

    public void register(Javalin server) {
        state.addListener(this::onModelEvent);
        server.ws("/v1", ws -> {
            ws.onConnect(ctx -> ctx.session.setIdleTimeout(Duration.ofHours(1)));
            ws.onMessage(this::onFrame);
            ws.onClose(ctx -> byToken.values().forEach(s -> s.connections.remove(ctx)));
        });
    }

    public void close() {
        outbox.shutdownNow();
    }

    private void onFrame(WsMessageContext ctx) {
        JsonNode request;
        try {
            request = json.readTree(ctx.message());
        } catch (IOException e) {
            send(ctx, frames.error(400, "Request is not valid JSON"));
            return;
        }
        String action = request.path("action").asText("");
        String token = request.path("token").asText("");
        if (token.isBlank()) {
            send(ctx, frames.error(400, "Missing required parameter: token"));
            return;
        }
        switch (action) {
            case "configureSession" -> configure(ctx, request, token);
            case "onMessage" -> withSession(ctx, token, session -> message(ctx, session, request));
            case "echo" -> withSession(ctx, token, session -> send(ctx, frames.inbound(
                    request.path("message").path("text").asText(""), state.now())));
            case "getJwt" -> withSession(ctx, token, session -> send(ctx, frames.jwt(token, state.now().plus(Duration.ofHours(1)))));
            case "closeSession" -> withSession(ctx, token, session -> close(ctx, session));
            default -> send(ctx, frames.error(400, "Unknown action: " + action));
        }
    }

    private void configure(WsMessageContext ctx, JsonNode request, String token) {
        String deploymentId = request.path("deploymentId").asText(ctx.queryParam("deploymentId") == null ? "" : ctx.queryParam("deploymentId"));
        Optional<Deployment> deployment = state.locked(w -> w.org().deployments().stream()
                .filter(d -> d.id().equals(deploymentId)).findFirst());
        if (deployment.isEmpty()) {
            send(ctx, frames.error(404, "Deployment " + deploymentId + " not found"));
            return;
        }
        boolean isNew = !byToken.containsKey(token);
        GuestSession session = byToken.computeIfAbsent(token, t -> new GuestSession(t, deployment.get()));
        if (request.path("startNew").asBoolean(false)) {
            session.startNew();
        }
        session.connections.add(ctx);
        send(ctx, frames.sessionResponse(true, isNew, session.readOnly()));
    }

    private void message(WsMessageContext ctx, GuestSession session, JsonNode request) {
        if (session.readOnly()) {
            send(ctx, frames.error(409, GuestFrames.READ_ONLY));
            return;
        }
        String text = request.path("message").path("text").asText("");
        if (session.conversationId().isEmpty()) {
            String label = "web-guest-" + guests.incrementAndGet();
            String id = state.locked(w -> w.addGuests(List.of(new GuestSpec(Optional.empty(), label, GuestKind.WAITING,
                    session.deployment.queueId(), Optional.empty(), 0, 0))).get(0).id());
            session.conversationStarted(id);
            byConversation.put(id, session);
        }
        send(ctx, frames.inbound(text, state.now()));
    }

    private void close(WsMessageContext ctx, GuestSession session) {
        for (WsContext other : session.connections) {
            if (!other.sessionId().equals(ctx.sessionId())) {
                send(other, frames.connectionClosed());
            }
        }
        session.connections.clear();
        byToken.remove(session.token);
        send(ctx, frames.sessionResponse(false, false, false));
    }

    private void withSession(WsMessageContext ctx, String token, java.util.function.Consumer<GuestSession> work) {
        GuestSession session = byToken.get(token);
        if (session == null) {
            send(ctx, frames.error(400, "Session not configured: send configureSession first"));
            return;
        }
        work.accept(session);
    }

    private void onModelEvent(ModelEvent event) {
        boolean guestGone = event instanceof ModelEvent.ConversationEnded
                || event instanceof ModelEvent.ParticipantEnded ended && ended.kind() == LegKind.CUSTOMER;
        if (!guestGone) {
            return;
        }
        GuestSession session = byConversation.remove(event.conversationId());
        if (session == null) {
            return;
        }
        session.conversationEnded();
        String mode = session.deployment.conversationDisconnect();
        if (mode.equals("Off")) {
            return;
        }
        String frame = frames.disconnect(mode.equals("ReadOnly"), event.at());
        session.connections.forEach(c -> send(c, frame));
    }

    /** Every frame leaves in order through one thread, so a guest sees events and answers as they happened. */
    private void send(WsContext ctx, String frame) {
        outbox.execute(() -> ctx.send(frame));
    }
}
