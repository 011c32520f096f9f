package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** On a real clock the sandbox time follows the wall clock and its timers fire as it passes them. */
class RealClockTest {
    @Test
    void aLoopingGuestLoopsAsWallTimePasses() throws Exception {
        String scenario = """
                {"settings": {"loopIntervalSeconds": 1},
                 "queues": [{"name": "Q"}],
                 "guests": [{"id": "l", "label": "l", "kind": "looping", "ageSeconds": 60, "passes": 1}]}
                """;
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withScenario(scenario))) {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create(sandbox.baseUri() + "/sandbox/v1/conversations/l");

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode c = RunningSandbox.JSON.readTree(r.body());
                return c.get("flowPasses").asInt() >= 2;
            });

            HttpResponse<String> clock = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/sandbox/v1/clock")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(RunningSandbox.JSON.readTree(clock.body()).get("mode").asText()).isEqualTo("real");
        }
    }
}
