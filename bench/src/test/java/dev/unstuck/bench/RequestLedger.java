package dev.unstuck.bench;

import dev.unstuck.sandbox.client.SandboxClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every Genesys-facing answer of a run, each once. The sandbox's request log keeps only its last
 * 10,000 answers and a run can make more (a field script on 20k conversations makes about 12,000), so
 * the bench reads it every few seconds while a contestant runs and keeps each answer by its
 * correlation id. {@link #lost()} says when a read found the log full of answers it had never seen:
 * some fell out between two reads, and the counts are then only lower bounds.
 */
final class RequestLedger {
    /** The sandbox's request log capacity (sandbox: RequestLog.CAPACITY). */
    private static final int LOG_CAPACITY = 10_000;

    private final SandboxProbe probe;
    private final Map<String, Integer> statusByAnswer = new HashMap<>();
    private boolean lost;

    RequestLedger(SandboxProbe probe) {
        this.probe = probe;
    }

    /** Reads the log and keeps what is new. */
    synchronized void read() {
        List<SandboxClient.LoggedRequest> log = probe.control().requests();
        boolean oldestKnown = false;
        for (int i = 0; i < log.size(); i++) {
            SandboxClient.LoggedRequest r = log.get(i);
            Integer before = statusByAnswer.putIfAbsent(key(r), r.status());
            if (i == 0) {
                oldestKnown = before != null;
            }
        }
        if (log.size() >= LOG_CAPACITY && !oldestKnown) {
            lost = true;
        }
    }

    private static String key(SandboxClient.LoggedRequest r) {
        String id = r.correlationId();
        return id.isEmpty() ? r.time() + " " + r.method() + " " + r.path() : id;
    }

    synchronized int calls() {
        return statusByAnswer.size();
    }

    synchronized int withStatus(int status) {
        return (int) statusByAnswer.values().stream().filter(s -> s == status).count();
    }

    synchronized boolean lost() {
        return lost;
    }
}
