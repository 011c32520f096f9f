package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A JDK WebSocket that keeps every frame it receives, parsed, for tests to wait on. */
final class WsClient implements AutoCloseable {
    final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private final StringBuilder partial = new StringBuilder();

    WsClient(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        frames.add(RunningSandbox.JSON.readTree(partial.toString()));
                    } catch (IOException e) {
                        frames.add(RunningSandbox.JSON.getNodeFactory().textNode(partial.toString()));
                    }
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
            }
        }).orTimeout(10, TimeUnit.SECONDS).join();
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Waits for a frame matching, and answers it. */
    JsonNode awaitFrame(Predicate<JsonNode> matching) {
        await().atMost(10, TimeUnit.SECONDS).until(() -> frames.stream().anyMatch(matching));
        return frames.stream().filter(matching).findFirst().orElseThrow();
    }

    List<JsonNode> framesOn(String topic) {
        return frames.stream().filter(f -> f.path("topicName").asText().equals(topic)).toList();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
