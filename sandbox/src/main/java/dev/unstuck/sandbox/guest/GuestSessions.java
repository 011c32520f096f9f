package dev.unstuck.sandbox.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.conversation.Conversation;
import dev.unstuck.sandbox.conversation.GuestKind;
import dev.unstuck.sandbox.conversation.GuestSpec;
import dev.unstuck.sandbox.conversation.LegKind;
import dev.unstuck.sandbox.conversation.ModelEvent;
import dev.unstuck.sandbox.conversation.ModelListener;
import dev.unstuck.sandbox.notify.Socket;
import dev.unstuck.sandbox.org.Deployment;
import dev.unstuck.sandbox.world.State;
import dev.unstuck.sandbox.world.World;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The guest side of Web Messaging: sessions by token, the guest protocol's actions, and telling guests
 * when the server ends their conversation (per the deployment's Conversation Disconnect setting).
 */
public final class GuestSessions implements ModelListener, Consumer<World>, AutoCloseable {
    static final int MAX_TEXT = 4096;

    private final State state;
    private final GuestFrames frames;
    private final Map<String, GuestSession> sessions = new ConcurrentHashMap<>();
    private final List<ModelEvent.ParticipantEnded> customerEnds = new ArrayList<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-guests");
        t.setDaemon(true);
        return t;
    });
    private int guestNumber;

    public GuestSessions(State state, ObjectMapper json) {
        this.state = state;
        this.frames = new GuestFrames(json);
    }

    /** Whether the org has the deployment a guest connects to. */
    public boolean knowsDeployment(String deploymentId) {
        return state.locked(w -> deployment(w, deploymentId).isPresent());
    }

    /** Handles one frame a guest sent on a connection to {@code deploymentId}; replies go to {@code socket}. */
    public void handle(String deploymentId, Socket socket, JsonNode request) {
        String action = request.path("action").asText("");
        String token = request.path("token").asText("");
        if (token.isBlank()) {
            reply(socket, frames.error(400, "Missing parameter: token"));
            return;
        }
        switch (action) {
            case "configureSession" -> configure(deploymentId, socket, token, request.path("startNew").asBoolean(false));
            case "onMessage" -> message(socket, token, request.path("message"));
            case "echo" -> withSession(socket, token, s -> reply(socket, frames.echo(request.path("message").path("text").asText(""))));
            case "getJwt" -> withSession(socket, token, s -> reply(socket, frames.jwt(jwtFor(s), state.now().plusSeconds(3600).getEpochSecond())));
            case "closeSession" -> withSession(socket, token, s -> close(s, socket));
            default -> reply(socket, frames.error(400, "Unsupported action: " + action));
        }
    }

    public void socketClosed(Socket socket) {
        sessions.values().forEach(s -> s.sockets().remove(socket));
    }

    private void configure(String deploymentId, Socket socket, String token, boolean startNew) {
        GuestSession existing = sessions.get(token);
        boolean newSession = existing == null;
        GuestSession session = newSession ? new GuestSession(token, deploymentId) : existing;
        sessions.putIfAbsent(token, session);
        if (startNew) {
            session.startNew();
        }
        if (!session.sockets().contains(socket)) {
            session.sockets().add(socket);
        }
        reply(socket, frames.session(true, newSession || startNew, session.readOnly()));
    }

    private void message(Socket socket, String token, JsonNode message) {
        withSession(socket, token, session -> {
            if (session.readOnly()) {
                reply(socket, frames.error(409, "Session is read-only, no new messages allowed"));
                return;
            }
            String text = message.path("text").asText("");
            if (text.length() > MAX_TEXT) {
                reply(socket, frames.error(4011, "Message exceeded max message length"));
                return;
            }
            state.locked(world -> {
                Optional<Conversation> open = session.conversationId().flatMap(world::conversation).filter(c -> !c.isEnded());
                if (open.isEmpty()) {
                    // The new conversation begins with this very message.
                    session.started(enterQueue(world, session.deploymentId()));
                } else {
                    world.lifecycle().customerWrote(open.get());
                }
                return null;
            });
            String frame = frames.inbound(message.path("type").asText("Text"), text, "StructuredMessage");
            session.sockets().forEach(s -> reply(s, frame));
        });
    }

    /** A guest who writes enters the inbound flow and the deployment's queue, like a scenario guest. */
    private String enterQueue(World world, String deploymentId) {
        String queueId = deployment(world, deploymentId).flatMap(Deployment::queueId)
                .or(() -> world.org().queues().stream().findFirst().map(q -> q.id()))
                .orElseThrow(() -> new IllegalStateException("the org has no queue for web messaging guests"));
        String label;
        do {
            label = "web-guest-" + (++guestNumber);
        } while (world.hasLabel(label));
        GuestSpec spec = new GuestSpec(Optional.empty(), label, GuestKind.WAITING, queueId, Optional.empty(), 0, 0);
        return world.addGuests(List.of(spec)).get(0).id();
    }

    private void close(GuestSession session, Socket socket) {
        for (Socket other : session.sockets()) {
            if (other != socket) {
                reply(other, frames.connectionClosed());
            }
        }
        reply(socket, frames.session(false, false, session.readOnly()));
        sessions.remove(session.token());
    }

    private void withSession(Socket socket, String token, Consumer<GuestSession> then) {
        GuestSession session = sessions.get(token);
        if (session == null) {
            reply(socket, frames.error(4007, "Session not found; send configureSession first"));
            return;
        }
        then.accept(session);
    }

    private String jwtFor(GuestSession s) {
        // Shaped like a JWT so clients that split it do not choke; not signed, the sandbox checks nothing.
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String payload = b64.encodeToString(("{\"sub\":\"" + s.token() + "\",\"deploymentId\":\"" + s.deploymentId() + "\"}").getBytes());
        return header + "." + payload + ".";
    }

    private static Optional<Deployment> deployment(World world, String id) {
        return world.org().deployments().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    private void reply(Socket socket, String frame) {
        sender.execute(() -> socket.send(frame));
    }

    // ---- the server ends the conversation ---------------------------------------------------------

    @Override
    public synchronized void onEvent(ModelEvent event) {
        if (event instanceof ModelEvent.ParticipantEnded ended && ended.kind() == LegKind.CUSTOMER) {
            customerEnds.add(ended);
        }
    }

    @Override
    public void accept(World world) {
        List<ModelEvent.ParticipantEnded> ends;
        synchronized (this) {
            ends = new ArrayList<>(customerEnds);
            customerEnds.clear();
        }
        for (ModelEvent.ParticipantEnded e : ends) {
            for (GuestSession s : sessions.values()) {
                if (s.conversationId().filter(e.conversationId()::equals).isPresent()) {
                    told(world, s, e.at());
                }
            }
        }
    }

    private void told(World world, GuestSession s, Instant at) {
        String mode = deployment(world, s.deploymentId()).map(Deployment::conversationDisconnect).orElse("ReadOnly");
        if (mode.equals("Off")) {
            s.ended(false);
            return;
        }
        boolean readOnly = mode.equals("ReadOnly");
        s.ended(readOnly);
        String frame = frames.disconnect(readOnly, at);
        s.sockets().forEach(socket -> reply(socket, frame));
    }

    /** The conversation a guest session started, for tests and the control API. */
    public Optional<String> conversationOf(String token) {
        return Optional.ofNullable(sessions.get(token)).flatMap(GuestSession::conversationId);
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
