package dev.unstuck.sandbox.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.notify.Channel;
import dev.unstuck.sandbox.notify.Channels;
import dev.unstuck.sandbox.notify.EventFeed;
import dev.unstuck.sandbox.notify.Frames;
import dev.unstuck.sandbox.world.State;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Control calls for the notification stream ({@code /sandbox/v1/notifications/...}): see the channels,
 * send the platform's system messages on demand, drop connections, delay or lose events.
 */
public final class NotificationControl {
    private static final String BASE = "/sandbox/v1/notifications";

    private final State state;
    private final Channels channels;
    private final EventFeed feed;
    private final Frames frames;
    private final ObjectMapper json;
    private final ControlJson control;

    public NotificationControl(State state, Channels channels, EventFeed feed, ObjectMapper json) {
        this.state = state;
        this.channels = channels;
        this.feed = feed;
        this.frames = new Frames(json);
        this.json = json;
        this.control = new ControlJson(json);
    }

    public void register(RoutesConfig app) {
        route(app, HandlerType.GET, "/channels", body -> Reply.ok(channelsJson()));
        route(app, HandlerType.POST, "/socket-closing", body -> {
            List<Channel> targets = targets(body);
            targets.forEach(c -> channels.send(c, frames.socketClosing()));
            if (body.path("close").asBoolean(false)) {
                targets.forEach(c -> channels.remove(c.id()));
            }
            return Reply.ok(count(targets.size()));
        });
        route(app, HandlerType.POST, "/no-longer-subscribed", body -> {
            List<Channel> targets = targets(body);
            for (Channel c : targets) {
                channels.send(c, frames.noLongerSubscribed(c.id()));
                channels.unsubscribeAll(c);
            }
            return Reply.ok(count(targets.size()));
        });
        route(app, HandlerType.POST, "/drop", body -> Reply.ok(count(channels.drop(channelId(body)))));
        // What a client sees when the token behind its channel is revoked: the notice, then the socket closes.
        route(app, HandlerType.POST, "/token-revoked", body -> {
            List<Channel> targets = targets(body);
            targets.forEach(c -> channels.send(c, frames.tokenRevoked(c.id())));
            // A close frame, not a drop: Jetty may leave a socket open when told to disconnect right
            // after a write, and a client must see the end either way.
            targets.forEach(c -> channels.closeSocket(c, 4001, "token revoked"));
            return Reply.ok(count(targets.size()));
        });
        route(app, HandlerType.GET, "/faults", body -> Reply.ok(faultsJson()));
        route(app, HandlerType.PUT, "/faults", body -> {
            double delay = body.path("delaySeconds").asDouble(0);
            int drop = body.path("dropNext").asInt(0);
            if (delay < 0 || drop < 0) {
                return control.problem(400, "delaySeconds and dropNext must be 0 or more");
            }
            feed.faults(Duration.ofMillis(Math.round(delay * 1000)), drop);
            return Reply.ok(faultsJson());
        });
        route(app, HandlerType.DELETE, "/faults", body -> {
            feed.faults(Duration.ZERO, 0);
            return Reply.noContent();
        });
    }

    private void route(RoutesConfig app, HandlerType method, String path, Function<JsonNode, Reply> handler) {
        app.addHttpHandler(method, BASE + path, ctx -> {
            Optional<JsonNode> body = control.body(ctx);
            Reply reply = body.isEmpty()
                    ? control.problem(400, "the body must be a JSON object")
                    // Under the lock, so frames queue in clock order with the events.
                    : state.locked(world -> handler.apply(body.get()));
            control.send(ctx, reply);
        });
    }

    private List<Channel> targets(JsonNode body) {
        Optional<String> id = channelId(body);
        return channels.all().stream().filter(c -> id.map(c.id()::equals).orElse(true)).toList();
    }

    private static Optional<String> channelId(JsonNode body) {
        return body.hasNonNull("channelId") ? Optional.of(body.get("channelId").asText()) : Optional.empty();
    }

    private ArrayNode channelsJson() {
        ArrayNode a = json.createArrayNode();
        for (Channel c : channels.all()) {
            ObjectNode n = a.addObject();
            n.put("id", c.id());
            n.put("clientId", c.clientId());
            n.put("connected", c.isConnected());
            n.put("lastUsed", c.lastUsed().toString());
            n.put("expires", c.expires().toString());
            n.put("tokenExpires", c.tokenExpires().toString());
            c.topics().forEach(n.putArray("topics")::add);
        }
        return a;
    }

    private ObjectNode faultsJson() {
        return json.createObjectNode().put("delaySeconds", feed.delay().toMillis() / 1000.0)
                .put("dropNext", feed.dropNext()).put("dropped", feed.dropped());
    }

    private ObjectNode count(int n) {
        return json.createObjectNode().put("channels", n);
    }
}
