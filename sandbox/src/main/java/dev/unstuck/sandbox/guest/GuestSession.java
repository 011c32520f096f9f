package dev.unstuck.sandbox.guest;

import dev.unstuck.sandbox.notify.Socket;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** One guest's session (its client-made token): the conversation it started and its open connections. */
final class GuestSession {
    private final String token;
    private final String deploymentId;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private String conversationId;
    private boolean readOnly;

    GuestSession(String token, String deploymentId) {
        this.token = token;
        this.deploymentId = deploymentId;
    }

    String token() { return token; }
    String deploymentId() { return deploymentId; }
    Optional<String> conversationId() { return Optional.ofNullable(conversationId); }
    boolean readOnly() { return readOnly; }
    List<Socket> sockets() { return sockets; }

    void started(String id) {
        conversationId = id;
    }

    /** The conversation ended; in ReadOnly mode the session takes no more messages. */
    void ended(boolean becomesReadOnly) {
        conversationId = null;
        readOnly = becomesReadOnly;
    }

    void startNew() {
        conversationId = null;
        readOnly = false;
    }
}
