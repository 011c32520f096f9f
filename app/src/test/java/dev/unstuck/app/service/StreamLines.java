package dev.unstuck.app.service;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An event stream's lines as they arrive, read on a daemon thread of its own (a blocked read must not hold
 * a pool thread another test needs), as a dashboard's EventSource gets them; a read that fails adds a
 * last line {@code closed: why}.
 */
final class StreamLines {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private StreamLines() {
    }

    static StreamLines follow(HttpResponse<InputStream> response) {
        StreamLines stream = new StreamLines();
        Thread reader = new Thread(() -> stream.read(response.body()), "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
        return stream;
    }

    private void read(InputStream body) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (Exception e) {
            lines.add("closed: " + e.getMessage());
        }
        closed.complete(null);
    }

    /** Every line so far, growing while the stream is open. */
    List<String> lines() {
        return lines;
    }

    /** Whether the server has closed the stream. */
    boolean ended() {
        return closed.isDone();
    }

    /** Completes when the server has closed the stream. */
    CompletableFuture<Void> closed() {
        return closed;
    }
}
