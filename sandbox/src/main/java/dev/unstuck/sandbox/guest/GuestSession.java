package dev.unstuck.sandbox.guest;

import dev.unstuck.sandbox.org.Deployment;
import io.javalin.websocket.WsContext;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * One guest's session (keyed by the token the guest chose): its connections, its current
 * conversation, and whether the server's disconnect left it read-only.
 */
final class GuestSession {
    final String token;
    final Deployment deployment;
    final Set<WsContext> connections = new CopyOnWriteArraySet<>();
    private Optional<String> conversationId = Optional.empty();
    private boolean readOnly;

    GuestSession(String token, Deployment deployment) {
        this.token = token;
        this.deployment = deployment;
    }

    synchronized Optional<String> conversationId() {
        return conversationId;
    }

    synchronized void conversationStarted(String id) {
        conversationId = Optional.of(id);
    }

    /** The server ended the conversation: the next message starts a new one, unless the session is now read-only. */
    synchronized void conversationEnded() {
        conversationId = Optional.empty();
        readOnly = deployment.conversationDisconnect().equals("ReadOnly");
    }

    synchronized boolean readOnly() {
        return readOnly;
    }

    synchronized void startNew() {
        conversationId = Optional.empty();
        readOnly = false;
    }
}
