package dev.unstuck.core.genesys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.unstuck.core.genesys.StreamEvent.Closed;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Genesys notification channel ({@link GenesysClient#openChannel()}): its subscriptions, over the
 * client's REST calls, and its WebSocket, which turns frames into {@link StreamEvent}s.
 *
 * <p>Events reach the listener in the order Genesys sent them, on one thread this channel owns, so a
 * listener may block (read a conversation, end it) without stalling the socket or reordering events;
 * frames wait in memory meanwhile.
 * Every {@link #connect connect} ends in exactly one {@link Closed}; after it the caller decides whether
 * to connect again (the channel may still exist) or open a new channel. Nothing reconnects on its own,
 * because only the caller knows whether the subscriptions are still worth having.
 *
 * <p>Thread-safe. {@link #close()} ends the socket and the delivery thread; the channel itself lives on
 * at Genesys until it expires.
 */
public final class NotificationChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PING = "{\"message\":\"ping\"}";
    /** Close code for an end without a close frame (RFC 6455 §7.4.1: never sent on the wire, only reported). */
    private static final int ABNORMAL_CLOSURE = 1006;

    private final GenesysClient client;
    private final String id;
    private final URI connectUri;
    private final Instant expires;
    private final Duration connectTimeout;
    private final ExecutorService delivery;
    private HttpClient http;
    private Socket socket;
    private boolean closed;

    NotificationChannel(GenesysClient client, String id, URI connectUri, Instant expires, Duration connectTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.id = Objects.requireNonNull(id, "id");
        this.connectUri = Objects.requireNonNull(connectUri, "connectUri");
        this.expires = Objects.requireNonNull(expires, "expires");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.delivery = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "unstuck-notifications-" + id);
            thread.setDaemon(true);
            return thread;
        });
    }

    public String id() {
        return id;
    }

    /** Where the socket connects, as Genesys gave it (the sandbox gives {@code ws://127.0.0.1…}). */
    public URI connectUri() {
        return connectUri;
    }

    /** When Genesys drops the channel unless a subscription call extends it (about 24 h after the last one). */
    public Instant expires() {
        return expires;
    }

    /**
     * Adds topics ({@code POST …/subscriptions?ignoreErrors=true}). A topic the OAuth client may not see
     * does not fail the call: it comes back rejected with the missing permission. An empty list makes no
     * call.
     *
     * @throws GenesysException e.g. 404 when the channel expired or was removed, 400 past 1,000 topics
     */
    public Subscriptions subscribe(Collection<String> topics) {
        return subscriptions("POST", topics);
    }

    /**
     * Replaces all topics with these ({@code PUT}), as {@link #subscribe}. An empty list makes no call:
     * it does not clear the channel's topics.
     */
    public Subscriptions replace(Collection<String> topics) {
        return subscriptions("PUT", topics);
    }

    private Subscriptions subscriptions(String method, Collection<String> topics) {
        if (topics.isEmpty()) {
            return Subscriptions.NONE;
        }
        ArrayNode body = JSON.createArrayNode();
        topics.forEach(topic -> body.addObject().put("id", Objects.requireNonNull(topic, "topic")));
        String path = "/api/v2/notifications/channels/" + GenesysClient.segment(id) + "/subscriptions?ignoreErrors=true";
        try {
            return ApiJson.subscriptions(client.exchange(method, path, Optional.of(JSON.writeValueAsString(body))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a list of topics", e);
        }
    }

    /**
     * Opens the WebSocket and returns once it is open; from then on every frame goes to {@code listener}
     * as a {@link StreamEvent}, and the socket's end as one {@link Closed}. May be called again after that
     * {@code Closed} (also from inside the listener) to connect anew.
     *
     * @throws IllegalStateException when a socket of this channel is still open, or the channel was closed
     * @throws GenesysUnreachableException when the socket could not be opened (no events are delivered then)
     */
    public void connect(Consumer<StreamEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        Socket next = new Socket(listener);
        HttpClient httpClient;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("notification channel " + id + " is closed");
            }
            if (socket != null && !socket.ended()) {
                throw new IllegalStateException("notification channel " + id + " is already connected");
            }
            socket = next;
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
            }
            httpClient = http;
        }
        CompletableFuture<WebSocket> opening = httpClient.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(connectUri, next);
        WebSocket ws;
        try {
            ws = opening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            next.abandon();
            // Cancelling the future would not stop the handshake: a socket that opens anyway is cut.
            opening.thenAccept(WebSocket::abort);
            throw new GenesysUnreachableException("connecting to " + connectUri + " was interrupted", e);
        } catch (ExecutionException e) {
            next.abandon();
            Throwable cause = e.getCause();
            throw new GenesysUnreachableException(cause instanceof IOException io ? Unreachable.describe(connectUri, io)
                    : "cannot open the notification socket " + connectUri + ": " + cause, cause);
        }
        synchronized (this) {
            if (closed) {
                // close() came during the handshake: it has reported the end already.
                ws.abort();
            }
        }
    }

    /** Asks for a {@link StreamEvent.Pong}, to learn the socket still carries. Does nothing when no socket is open. */
    public void ping() {
        Socket current;
        synchronized (this) {
            current = closed ? null : socket;
        }
        if (current != null) {
            current.send(ws -> ws.sendText(PING, true));
        }
    }

    /**
     * Closes the socket (normal closure) and the delivery thread. Idempotent. After it returns, the
     * listener gets at most one more event, the {@link Closed} of an open socket; an event it is handling
     * at that moment is not interrupted.
     */
    @Override
    public void close() {
        Socket last;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            last = socket;
        }
        if (last != null) {
            last.closeByClient();
        }
        delivery.shutdown();
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Hands one event to the delivery thread. Frames are read there, not on the HTTP client's thread;
     * after {@link #close()} only a {@link Closed} still goes out.
     */
    private void deliver(Consumer<StreamEvent> listener, Supplier<StreamEvent> event, boolean evenAfterClose) {
        try {
            delivery.execute(() -> {
                if (evenAfterClose || !isClosed()) {
                    StreamEvent e = event.get();
                    try {
                        listener.accept(e);
                    } catch (RuntimeException failure) {
                        // One listener failure must not stop the events after it.
                        LOG.warn("the listener of notification channel {} failed on {}", id, e, failure);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // Closed: nothing goes out any more.
        }
    }

    /** One WebSocket connection: reassembles frames, and reports its end once. */
    private final class Socket implements WebSocket.Listener {

        private final Consumer<StreamEvent> listener;
        private final StringBuilder partial = new StringBuilder();
        private final AtomicBoolean ended = new AtomicBoolean();
        private WebSocket ws;
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        Socket(Consumer<StreamEvent> listener) {
            this.listener = listener;
        }

        boolean ended() {
            return ended.get();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            synchronized (this) {
                ws = webSocket;
            }
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (!ended.get()) {
                    deliver(listener, () -> StreamFrames.parse(text), false);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            // The JDK reports a connection that ended without a close frame as 1006 with no reason.
            end(new Closed(statusCode, statusCode == ABNORMAL_CLOSURE && reason.isEmpty() ? "connection lost without a close frame" : reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            end(new Closed(ABNORMAL_CLOSURE, "connection lost: " + error.getClass().getSimpleName()
                    + (error.getMessage() == null ? "" : ": " + error.getMessage())));
        }

        private void end(Closed closed) {
            if (ended.compareAndSet(false, true)) {
                deliver(listener, () -> closed, true);
            }
        }

        /** The handshake failed: connect throws, so no event tells it again. */
        void abandon() {
            ended.set(true);
        }

        /** Reports the end at once, then says goodbye; a socket that cannot even send that is cut. */
        void closeByClient() {
            end(new Closed(WebSocket.NORMAL_CLOSURE, "closed by the client"));
            send(webSocket -> webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "closed by the client")
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            webSocket.abort();
                        }
                    }));
        }

        /**
         * Sends after the previous send finished (the JDK socket allows one at a time). A failed send is
         * not an error of its own: the socket's end is reported by its {@link Closed}.
         */
        synchronized void send(Function<WebSocket, CompletableFuture<WebSocket>> message) {
            if (ws == null) {
                return;
            }
            WebSocket target = ws;
            sending = sending.handle((done, failure) -> null)
                    .thenCompose(ignored -> target.isOutputClosed() ? CompletableFuture.completedFuture(target) : message.apply(target));
        }
    }
}
