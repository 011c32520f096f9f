package dev.unstuck.app.service;

import dev.unstuck.app.DaemonThreads;
import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.engine.Outcome;
import io.javalin.http.sse.SseClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * {@code GET /api/v1/events}: server-sent events for detections, endings and watch state changes as
 * they happen, to every connected client. The caller's credential is asked again before each event and
 * at each heartbeat (a comment line every {@link #HEARTBEAT}): a revoked token or an expired JWT ends
 * its stream, and a client that went away is dropped at the next heartbeat instead of holding its socket
 * until something happens.
 */
final class EventStream implements Observers.Observer {
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final Map<SseClient, Credential> clients = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Clock clock;
    private final Function<Outcome, Object> outcomeJson;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("serve-events-heartbeat"));

    EventStream(Clock clock, Function<Outcome, Object> outcomeJson) {
        this(clock, outcomeJson, HEARTBEAT);
    }

    EventStream(Clock clock, Function<Outcome, Object> outcomeJson, Duration every) {
        this.clock = clock;
        this.outcomeJson = outcomeJson;
        heartbeat.scheduleAtFixedRate(this::beat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void join(SseClient client) {
        Credential credential = client.ctx().attribute(ServiceApi.CREDENTIAL);
        if (credential == null) {
            client.close(); // only authenticated requests reach here; without a credential there is nothing to ask again
            return;
        }
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.put(client, credential);
        deliver(client, c -> c.sendComment("connected"));
    }

    /** Ends every stream (the service stops): a last {@code shutdown} event tells clients to reconnect, to another replica. */
    void close() {
        heartbeat.shutdownNow();
        send("shutdown", new Shutdown(now(), "the service is stopping; reconnect (another replica serves)"));
        clients.keySet().forEach(SseClient::close);
        clients.clear();
    }

    private void beat() {
        clients.keySet().forEach(client -> deliver(client, c -> c.sendComment("heartbeat")));
    }

    /** Sends to one client if its credential still holds; ends its stream if not, drops it if it went away. */
    private void deliver(SseClient client, java.util.function.Consumer<SseClient> write) {
        Credential credential = clients.get(client);
        if (credential == null) {
            return;
        }
        boolean holds;
        try {
            holds = credential.holdsAt(clock.instant());
        } catch (RuntimeException e) {
            holds = false; // cannot tell (the token table unreadable): the stream is not kept open on a credential unchecked
        }
        synchronized (client) {
            try {
                if (!holds) {
                    client.sendComment("the credential was revoked or expired; reconnect with a valid one");
                    client.close();
                } else {
                    write.accept(client);
                }
            } catch (RuntimeException gone) {
                holds = false;
            }
            if (!holds || client.terminated()) {
                clients.remove(client);
            }
        }
    }

    /** An ending by the API, the watch or a sweep; {@code outcome} as {@code end --json} prints it. */
    record Ending(String at, String org, String source, String queue, String reason, Object outcome) {
    }

    /** A guest the watch found crossing a rule (or about to). */
    record Detection(String at, String org, String conversationId, String queue, String reason, boolean toEnd) {
    }

    /** The last event of a stream: the replica stops. */
    record Shutdown(String at, String reason) {
    }

    /** The watch of an org changed state (connected, disconnected, scanned, lease changes). */
    record WatchState(String at, String org, String state, String detail) {
    }

    @Override
    public void ended(String org, String source, String queue, String reason, Outcome outcome) {
        send("ending", new Ending(now(), org, source, queue, reason, outcomeJson.apply(outcome)));
    }

    @Override
    public void detected(String org, Finding finding) {
        send("detection", new Detection(now(), org, finding.conversationId(), finding.queue(), finding.why(), finding.toEnd()));
    }

    @Override
    public void watchChanged(String org, String state, String detail) {
        send("watch", new WatchState(now(), org, state, detail));
    }

    private String now() {
        return clock.instant().toString();
    }

    private void send(String name, Object event) {
        String data = ApiJson.write(event);
        String id = Long.toString(ids.incrementAndGet());
        clients.keySet().forEach(client -> deliver(client, c -> c.sendEvent(name, data, id)));
    }
}
