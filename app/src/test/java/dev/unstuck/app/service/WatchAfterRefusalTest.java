package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The watch of an org whose client was disabled and enabled again ends stuck guests again once the check sees the fix. */
class WatchAfterRefusalTest {
    @RegisterExtension
    static final ServiceFixture fx = ServiceFixture.on(ServiceFixture.operatorOrg(5).queues("Support")
            .guests(Guest.waiting("young").queue("Support").ageSeconds(20))).watching().onTheSandboxClock();

    @Test
    void theWatchEndsAGuestWhoBecameStuckWhileTheClientWasDisabled() {
        await().atMost(Duration.ofSeconds(30)).until(() -> orgNow().path("up").asBoolean());

        fx.control.clientState(ServiceFixture.CLIENT_ID, "inactive");
        fx.control.advance(ServiceFixture.CREDENTIALS_EVERY);
        await().atMost(Duration.ofSeconds(20)).until(() -> orgNow().path("credentials").asText().startsWith("credentials refused"));
        fx.control.advance(Duration.ofMinutes(35)); // past maxWait (30 min): the young guest is stuck now, and the watch cannot end it
        assertThat(fx.control.ended("young")).isFalse();

        fx.control.clientState(ServiceFixture.CLIENT_ID, "active");
        fx.control.advance(ServiceFixture.CREDENTIALS_EVERY);

        // No more sandbox time passes: the check that sees the fix is the one that lets the watch act again.
        await().atMost(Duration.ofSeconds(30)).until(() -> orgNow().path("up").asBoolean());
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.control.ended("young"));
        assertThat(orgNow().path("credentials").asText()).isEqualTo("ok");
    }

    private static JsonNode orgNow() {
        return fx.get("/api/v1/orgs", fx.viewer).json().path("orgs").get(0);
    }
}
