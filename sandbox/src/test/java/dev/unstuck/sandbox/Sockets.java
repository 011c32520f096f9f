package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The WebSockets one test opens, closed after it (the sandbox outlives the test). Register it on the test
 * object: {@code @RegisterExtension final Sockets sockets = new Sockets(sandbox);}
 */
final class Sockets implements AfterEachCallback {
    private final RunningSandbox sandbox;
    private final List<WsClient> open = new CopyOnWriteArrayList<>();

    Sockets(RunningSandbox sandbox) {
        this.sandbox = sandbox;
    }

    WsClient open(URI uri) {
        WsClient ws = new WsClient(uri);
        open.add(ws);
        return ws;
    }

    /** Connects to a notification channel, connected once the sandbox says so, so no event can race the connection. */
    WsClient channel(JsonNode channel) {
        WsClient ws = open(URI.create(channel.get("connectUri").asText()));
        await().atMost(5, TimeUnit.SECONDS).until(() -> sandbox.control("GET", "/notifications/channels", null).json()
                .findValues("connected").stream().anyMatch(JsonNode::asBoolean));
        return ws;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(WsClient::close);
    }
}
