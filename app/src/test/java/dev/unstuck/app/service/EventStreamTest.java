package dev.unstuck.app.service;

import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The event stream on its own server, with a heartbeat short enough to watch. */
class EventStreamTest {
    final AtomicBoolean holds = new AtomicBoolean(true);
    final EventStream stream = new EventStream(Clock.systemUTC(), outcome -> outcome.summary(), Duration.ofMillis(200));
    final Javalin server = Javalin.create(config -> {
        config.startup.showJavalinBanner = false;
        config.routes.before("/events", ctx -> ctx.attribute(ServiceApi.CREDENTIAL,
                new Credential(new Caller("watcher", Role.VIEWER, "token"), now -> holds.get())));
        config.routes.sse("/events", stream::join);
    }).start("127.0.0.1", 0);
    StreamLines events;

    @AfterEach
    void stop() {
        stream.close();
        server.stop();
    }

    private void open() throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/events")).header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        events = StreamLines.follow(response);
    }

    @Test
    void sendsAHeartbeatCommentWhileNothingHappens() throws Exception {
        open();

        await().atMost(Duration.ofSeconds(10)).until(() -> events.lines().stream().filter(l -> l.startsWith(":") && l.contains("heartbeat")).count() >= 2);
        assertThat(events.ended()).isFalse();
    }

    @Test
    void endsTheStreamOfACredentialThatNoLongerHoldsWithoutWaitingForAnEvent() throws Exception {
        open();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.lines().stream().anyMatch(l -> l.startsWith(":") && l.contains("connected")));

        holds.set(false);

        await().atMost(Duration.ofSeconds(10)).until(events::ended);
        assertThat(events.lines()).noneMatch(l -> l.startsWith("event:"));
        stream.watchChanged("acme", "scanned", "after the end");
        assertThat(events.lines()).noneMatch(l -> l.contains("after the end"));
    }
}
