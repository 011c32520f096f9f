package dev.unstuck.sandbox;

import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** On a real clock the sandbox time follows the wall clock and its timers fire as it passes them. */
class RealClockTest {
    @RegisterExtension
    static final SandboxExtension extension = new SandboxExtension("""
            {"settings": {"loopIntervalSeconds": 1},
             "queues": [{"name": "Q"}],
             "guests": [{"id": "l", "label": "l", "kind": "looping", "ageSeconds": 60, "passes": 1}]}
            """, ClockMode.REAL);

    private final RunningSandbox sandbox = new RunningSandbox(extension);

    @Test
    void aLoopingGuestLoopsAsWallTimePasses() {
        SandboxClient control = extension.control();

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> control.conversation("l").get("flowPasses").asInt() >= 2);

        assertThat(control.call("GET", "/clock", null).get("mode").asText()).isEqualTo("real");
    }

    @Test
    void aRealClockCannotBeAdvanced() {
        // Raw HTTP: the test checks the control API's status code itself.
        RunningSandbox.Reply r = sandbox.control("POST", "/clock/advance", "{\"seconds\": 1}");

        assertThat(r.status()).isEqualTo(409);
    }
}
