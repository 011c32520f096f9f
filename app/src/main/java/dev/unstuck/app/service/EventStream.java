package dev.unstuck.app.service;

import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.engine.Outcome;
import io.javalin.http.sse.SseClient;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * {@code GET /api/v1/events}: server-sent events for detections, endings and watch state changes as
 * they happen, to every connected client. A client that went away is dropped at the next event.
 */
final class EventStream implements Observers.Observer {
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final Clock clock;
    private final Function<Outcome, Object> outcomeJson;

    EventStream(Clock clock, Function<Outcome, Object> outcomeJson) {
        this.clock = clock;
        this.outcomeJson = outcomeJson;
    }

    void join(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendComment("connected");
    }

    /** Ends every stream (the service stops): a last {@code shutdown} event tells clients to reconnect, to another replica. */
    void close() {
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("at", clock.instant().toString());
        last.put("reason", "the service is stopping; reconnect (another replica serves)");
        send("shutdown", last);
        clients.forEach(SseClient::close);
        clients.clear();
    }

    @Override
    public void ended(String org, String source, String queue, String reason, Outcome outcome) {
        Map<String, Object> event = base(org);
        event.put("source", source);
        event.put("queue", queue);
        event.put("reason", reason);
        event.put("outcome", outcomeJson.apply(outcome));
        send("ending", event);
    }

    @Override
    public void detected(String org, Finding finding) {
        Map<String, Object> event = base(org);
        event.put("conversationId", finding.conversationId());
        event.put("queue", finding.queue());
        event.put("reason", finding.why());
        event.put("toEnd", finding.toEnd());
        send("detection", event);
    }

    @Override
    public void watchChanged(String org, String state, String detail) {
        Map<String, Object> event = base(org);
        event.put("state", state);
        event.put("detail", detail);
        send("watch", event);
    }

    private Map<String, Object> base(String org) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("at", clock.instant().toString());
        event.put("org", org);
        return event;
    }

    private void send(String name, Map<String, Object> event) {
        String data = Endings.write(event);
        String id = Long.toString(ids.incrementAndGet());
        for (SseClient client : clients) {
            try {
                client.sendEvent(name, data, id);
            } catch (RuntimeException gone) {
                clients.remove(client);
            }
        }
    }
}
