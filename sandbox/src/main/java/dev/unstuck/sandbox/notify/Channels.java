package dev.unstuck.sandbox.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Every notification channel, with the platform's limits: 20 channels per client (the 21st removes one,
 * unconnected ones first, then the one used longest ago) and 1,000 topics per channel. Outlives scenario
 * loads. Frames go out on one sender thread, in order, so the model's lock never waits on a network.
 */
public final class Channels implements AutoCloseable {
    public static final int MAX_CHANNELS_PER_CLIENT = 20;
    public static final int MAX_TOPICS_PER_CHANNEL = 1000;
    static final Duration LIFETIME = Duration.ofHours(24);

    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-notifications");
        t.setDaemon(true);
        return t;
    });

    /**
     * Creates a channel for the client, bound to the token that asked for it (its socket closes when that
     * token expires); the evicted one, if the client was at the limit, is closed.
     */
    public synchronized Channel create(String clientId, String tokenValue, Instant now, Instant tokenExpires) {
        List<Channel> own = forClient(clientId);
        if (own.size() >= MAX_CHANNELS_PER_CLIENT) {
            Channel evicted = own.stream()
                    .min(Comparator.comparing(Channel::isConnected).thenComparing(Channel::lastUsed))
                    .orElseThrow();
            remove(evicted.id(), "evicted: its client opened a channel past " + MAX_CHANNELS_PER_CLIENT);
        }
        Channel c = new Channel("streaming-0-" + UUID.randomUUID().toString().replace("-", ""), clientId, tokenValue, now,
                now.plus(LIFETIME), tokenExpires);
        channels.put(c.id(), c);
        return c;
    }

    public synchronized Optional<Channel> find(String id) {
        return Optional.ofNullable(channels.get(id));
    }

    public synchronized List<Channel> forClient(String clientId) {
        return channels.values().stream().filter(c -> c.clientId().equals(clientId)).toList();
    }

    /** The channels made with that token: "Channel Ids for other access tokens will not be shown". */
    public synchronized List<Channel> forToken(String tokenValue) {
        return channels.values().stream().filter(c -> c.madeWith(tokenValue)).toList();
    }

    public synchronized List<Channel> all() {
        return new ArrayList<>(channels.values());
    }

    public synchronized void remove(String id) {
        remove(id, "channel removed");
    }

    /** A channel that goes tells its socket with the platform's 404 frame, then closes it. */
    private void remove(String id, String reason) {
        Channel c = channels.remove(id);
        if (c != null) {
            c.socket().ifPresent(s -> sender.execute(() -> {
                s.send(gone(id, reason));
                s.close(1000, reason);
            }));
        }
    }

    /**
     * {@code {"result":"404","message":…}}: what the platform sends on the socket of a channel that expired,
     * was evicted or whose token expired (a client written against the live service handles exactly
     * these three; the wording of {@code message} is the sandbox's).
     */
    public static String gone(String channelId, String reason) {
        return "{\"result\":\"404\",\"message\":\"Channel " + channelId + " not found: " + reason.replace("\\", "").replace("\"", "'") + "\"}";
    }

    /** Subscribes; false when the channel would pass {@link #MAX_TOPICS_PER_CHANNEL}. */
    public synchronized boolean subscribe(Channel c, List<String> topics, boolean replace, Instant now) {
        int after = replace ? (int) topics.stream().distinct().count() : c.topicCountWith(topics);
        if (after > MAX_TOPICS_PER_CHANNEL) {
            return false;
        }
        if (replace) {
            c.replaceTopics(topics);
        } else {
            c.addTopics(topics);
        }
        c.used(now, now.plus(LIFETIME));
        return true;
    }

    public synchronized void unsubscribeAll(Channel c) {
        c.replaceTopics(List.of());
    }

    /** One connection per channel: a new one replaces (and closes) the old. */
    public synchronized boolean connect(String channelId, Socket socket, Instant now, Duration heartbeat) {
        Channel c = channels.get(channelId);
        if (c == null) {
            return false;
        }
        c.socket().ifPresent(old -> sender.execute(() -> old.close(1000, "replaced by a new connection")));
        c.connected(socket, now, now.plus(heartbeat));
        return true;
    }

    public synchronized void disconnected(String channelId, Socket socket) {
        Channel c = channels.get(channelId);
        if (c != null) {
            c.disconnected(socket);
        }
    }

    /** Channels past their expiry (24 h after creation or the last subscription) go, sockets closed. */
    public synchronized void removeExpired(Instant now) {
        for (Channel c : List.copyOf(channels.values())) {
            if (!now.isBefore(c.expires())) {
                remove(c.id(), "channel expired");
            }
        }
    }

    /**
     * Connected channels whose token expires within {@code notice}: each is returned once, to be told
     * {@code v2.system.socket_closing}.
     */
    public synchronized List<Channel> closingSoon(Instant now, Duration notice) {
        return channels.values().stream().filter(c -> c.closingDue(now, notice)).toList();
    }

    /**
     * Channels whose token has expired go, their sockets closed (normal closure, "token expired"): a
     * client cannot reconnect to them and must open a new channel with a new token.
     */
    public synchronized void removeTokenExpired(Instant now) {
        for (Channel c : List.copyOf(channels.values())) {
            if (!now.isBefore(c.tokenExpires())) {
                remove(c.id(), "token expired");
            }
        }
    }

    /** Whether any channel listens to the topic: events nobody hears are not rendered at all. */
    public synchronized boolean anySubscribed(String topic) {
        return channels.values().stream().anyMatch(c -> c.subscribedTo(topic));
    }

    /** Sends a frame to every connected channel subscribed to the topic. */
    public synchronized int publish(String topic, String frame) {
        int sent = 0;
        for (Channel c : channels.values()) {
            if (c.subscribedTo(topic) && c.socket().isPresent()) {
                send(c, frame);
                sent++;
            }
        }
        return sent;
    }

    public synchronized void send(Channel c, String frame) {
        c.socket().ifPresent(s -> sender.execute(() -> s.send(frame)));
    }

    /** Connected channels due a heartbeat now. */
    public synchronized List<Channel> dueHeartbeats(Instant now, Duration every) {
        return channels.values().stream().filter(c -> c.heartbeatDue(now, every)).toList();
    }

    /**
     * Closes one channel's socket with a close frame, after the frames already queued for it; the
     * channel stays (unconnected). What a revoked token does to a socket.
     */
    public synchronized void closeSocket(Channel c, int code, String reason) {
        c.socket().ifPresent(s -> {
            c.disconnected(s);
            sender.execute(() -> s.close(code, reason));
        });
    }

    /** Drops the connections (all, or one channel's) without a close frame. */
    public synchronized int drop(Optional<String> channelId) {
        int n = 0;
        for (Channel c : channels.values()) {
            if (channelId.map(id -> id.equals(c.id())).orElse(true) && c.socket().isPresent()) {
                Socket s = c.socket().get();
                c.disconnected(s);
                sender.execute(s::drop);
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
