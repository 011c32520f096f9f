package dev.unstuck.sandbox.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A notification channel of one OAuth client, made with one of its tokens: its topics, at most one
 * connection, and that token (the channel is listed only to it, and its socket lives no longer than it).
 * Guarded by {@link Channels}.
 */
public final class Channel {
    private final String id;
    private final String clientId;
    private final String tokenValue;
    private final Set<String> topics = new LinkedHashSet<>();
    private Instant lastUsed;
    private Instant expires;
    private final Instant tokenExpires;
    private boolean closingAnnounced;
    private Socket socket;
    private Instant nextHeartbeat;

    Channel(String id, String clientId, String tokenValue, Instant now, Instant expires, Instant tokenExpires) {
        this.id = id;
        this.clientId = clientId;
        this.tokenValue = tokenValue;
        this.lastUsed = now;
        this.expires = expires;
        this.tokenExpires = tokenExpires;
    }

    public String id() { return id; }
    public String clientId() { return clientId; }
    boolean madeWith(String token) { return tokenValue.equals(token); }
    public Instant lastUsed() { return lastUsed; }
    public Instant expires() { return expires; }
    public Instant tokenExpires() { return tokenExpires; }
    public List<String> topics() { return new ArrayList<>(topics); }
    public boolean isConnected() { return socket != null; }

    Optional<Socket> socket() { return Optional.ofNullable(socket); }

    void used(Instant now, Instant newExpiry) {
        lastUsed = now;
        expires = newExpiry;
    }

    /** Exact topic, or any topic under a prefix ending in a dot. */
    boolean subscribedTo(String topic) {
        if (topic.endsWith(".")) {
            return topics.stream().anyMatch(t -> t.startsWith(topic));
        }
        return topics.contains(topic);
    }

    void replaceTopics(List<String> replacement) {
        topics.clear();
        topics.addAll(replacement);
    }

    void addTopics(List<String> more) {
        topics.addAll(more);
    }

    int topicCountWith(List<String> more) {
        Set<String> all = new LinkedHashSet<>(topics);
        all.addAll(more);
        return all.size();
    }

    void connected(Socket s, Instant now, Instant firstHeartbeat) {
        socket = s;
        lastUsed = now;
        nextHeartbeat = firstHeartbeat;
    }

    void disconnected(Socket s) {
        if (socket == s) {
            socket = null;
        }
    }

    /** True once, for a connected channel whose token expires within {@code notice} of {@code now}. */
    boolean closingDue(Instant now, java.time.Duration notice) {
        if (socket == null || closingAnnounced || now.isBefore(tokenExpires.minus(notice))) {
            return false;
        }
        closingAnnounced = true;
        return true;
    }

    /** True (and the next one planned) when a heartbeat is due at {@code now}. */
    boolean heartbeatDue(Instant now, java.time.Duration every) {
        if (socket == null || nextHeartbeat == null || now.isBefore(nextHeartbeat)) {
            return false;
        }
        nextHeartbeat = now.plus(every);
        return true;
    }
}
