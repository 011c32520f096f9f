package dev.unstuck.sandbox;

import dev.unstuck.sandbox.client.SandboxClient;
import org.junit.jupiter.api.Test;

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
            SandboxClient control = new SandboxClient(sandbox.baseUri());

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> control.conversation("l").get("flowPasses").asInt() >= 2);

            assertThat(control.call("GET", "/clock", null).get("mode").asText()).isEqualTo("real");
        }
    }
}
