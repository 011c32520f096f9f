package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.notify.Channel;
import dev.unstuck.sandbox.notify.Channels;
import dev.unstuck.sandbox.org.OAuthClient;
import dev.unstuck.sandbox.notify.EventFeed;
import dev.unstuck.sandbox.notify.Frames;
import dev.unstuck.sandbox.notify.Socket;
import dev.unstuck.sandbox.world.State;
import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsContext;
import org.eclipse.jetty.websocket.api.Callback;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The notification WebSocket at {@code /channels/{channelId}}: answers pings and socket-side subscriptions,
 * and carries what {@link EventFeed} sends.
 */
public final class ChannelSocket {
    private static final long SEND_TIMEOUT_SECONDS = 10;
    private final State state;
    private final Channels channels;
    private final Frames frames;
    private final ObjectMapper json;
    private final Map<String, Socket> open = new ConcurrentHashMap<>();

    public ChannelSocket(State state, Channels channels, ObjectMapper json) {
        this.state = state;
        this.channels = channels;
        this.frames = new Frames(json);
        this.json = json;
    }

    public void register(RoutesConfig app) {
        app.ws("/channels/{channelId}", ws -> {
            ws.onConnect(ctx -> {
                Socket socket = socketOf(ctx);
                open.put(ctx.sessionId(), socket);
                if (!channels.connect(ctx.pathParam("channelId"), socket, state.now(), EventFeed.HEARTBEAT)) {
                    socket.send(Channels.gone(ctx.pathParam("channelId"), "no such channel"));
                    ctx.closeSession(4004, "channel not found");
                }
            });
            ws.onMessage(ctx -> {
                JsonNode msg = readOrNull(ctx.message());
                if (msg != null && "ping".equals(msg.path("message").asText())) {
                    ctx.send(frames.pong());
                } else if (msg != null && "subscribe".equals(msg.path("message").asText())) {
                    ctx.send(subscribe(ctx.pathParam("channelId"), msg.path("topics")));
                }
            });
            ws.onClose(ctx -> {
                Socket socket = open.remove(ctx.sessionId());
                if (socket != null) {
                    channels.disconnected(ctx.pathParam("channelId"), socket);
                }
            });
            ws.onError(ctx -> {
                Socket socket = open.remove(ctx.sessionId());
                if (socket != null) {
                    channels.disconnected(ctx.pathParam("channelId"), socket);
                }
            });
        });
    }

    /**
     * The socket-side subscription ({@code {"message":"subscribe","topics":[…],"correlationId":…}}): adds the
     * topics as {@code POST …/subscriptions} does and answers {@code {"result":"200","status":"subscribed"}};
     * a topic unknown or not permitted fails the whole message with {@code {"result":"400","status":"failure",
     * "message":…}} and subscribes nothing (the shapes a client written against the live service handles).
     */
    private String subscribe(String channelId, JsonNode topicsNode) {
        List<String> topics = new ArrayList<>();
        topicsNode.forEach(t -> topics.add(t.isTextual() ? t.asText() : t.path("id").asText("")));
        return state.locked(world -> {
            Optional<Channel> channel = channels.find(channelId);
            if (channel.isEmpty()) {
                return Channels.gone(channelId, "no such channel");
            }
            Optional<OAuthClient> client = world.org().client(channel.get().clientId());
            Optional<String> refused = topics.isEmpty() ? Optional.of("No topics to subscribe to")
                    : client.isEmpty() ? Optional.of("The channel's client is gone")
                    : topics.stream().map(t -> NotificationEndpoints.refusal(world, client.get(), t)).flatMap(Optional::stream).findFirst();
            if (refused.isEmpty() && !channels.subscribe(channel.get(), new ArrayList<>(new LinkedHashSet<>(topics)), false, world.now())) {
                refused = Optional.of("A channel holds at most " + Channels.MAX_TOPICS_PER_CHANNEL + " topics");
            }
            ObjectNode answer = json.createObjectNode();
            if (refused.isPresent()) {
                answer.put("result", "400").put("status", "failure").put("message", refused.get());
            } else {
                answer.put("result", "200").put("status", "subscribed");
            }
            return answer.toString();
        });
    }

    private JsonNode readOrNull(String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static Socket socketOf(WsContext ctx) {
        return new Socket() {
            @Override
            public void send(String text) {
                if (ctx.session.isOpen()) {
                    // Waited for, so a drop right after a frame (token revoked) finds no write still pending:
                    // Jetty leaves a socket with a pending write open when told to disconnect. Bounded, so a
                    // peer that stops reading cannot hold the sandbox's lock.
                    Callback.Completable sent = new Callback.Completable();
                    ctx.session.sendText(text, sent);
                    try {
                        sent.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    } catch (ExecutionException | TimeoutException e) {
                        // The peer is gone or stuck; what it missed is what a real socket loses too.
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void close(int code, String reason) {
                if (ctx.session.isOpen()) {
                    ctx.closeSession(code, reason);
                }
            }

            @Override
            public void drop() {
                ctx.session.disconnect();
            }
        };
    }
}
