package dev.unstuck.app.service;

import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    final List<String> lines = new CopyOnWriteArrayList<>();
    final AtomicBoolean ended = new AtomicBoolean();

    @AfterEach
    void stop() {
        stream.close();
        server.stop();
    }

    private void open() throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/events")).header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (Exception e) {
                lines.add("closed: " + e.getMessage());
            }
            ended.set(true);
        });
        reader.setDaemon(true);
        reader.start();
    }

    @Test
    void sendsAHeartbeatCommentWhileNothingHappens() throws Exception {
        open();

        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().filter(l -> l.startsWith(":") && l.contains("heartbeat")).count() >= 2);
        assertThat(ended).isFalse();
    }

    @Test
    void endsTheStreamOfACredentialThatNoLongerHoldsWithoutWaitingForAnEvent() throws Exception {
        open();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith(":") && l.contains("connected")));

        holds.set(false);

        await().atMost(Duration.ofSeconds(10)).untilTrue(ended);
        assertThat(lines).noneMatch(l -> l.startsWith("event:"));
        stream.watchChanged("acme", "scanned", "after the end");
        assertThat(lines).noneMatch(l -> l.contains("after the end"));
    }
}
