package dev.unstuck.sandbox.http;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The Genesys-facing requests answered so far (newest last), for tests and the demo. Bounded. */
public final class RequestLog {
    private static final int CAPACITY = 10_000;

    public record Entry(Instant time, String method, String path, int status, String clientId, String correlationId) {}

    private final Deque<Entry> entries = new ArrayDeque<>();

    public synchronized void add(Entry e) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(e);
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized void clear() {
        entries.clear();
    }
}
