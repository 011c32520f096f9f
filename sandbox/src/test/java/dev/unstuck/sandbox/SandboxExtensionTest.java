package dev.unstuck.sandbox;

import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The JUnit extension and the control client's clock, driven as JUnit and a test would drive them. */
class SandboxExtensionTest {
    // The other tests drive extensions of their own by hand, as JUnit would.
    @RegisterExtension
    static final SandboxExtension extension = new SandboxExtension(RunningSandbox.resource("/test-scenario.json"));

    @Test
    void eachTestStartsFromTheScenarioWithNoFaultsAndOnlyItsOwnRequestsLogged() throws Exception {
        SandboxExtension org = new SandboxExtension(RunningSandbox.resource("/test-scenario.json"));
        org.beforeAll(null);
        try {
            org.beforeEach(null);
            SandboxClient control = org.control();
            int guests = control.conversations().size();
            control.faults("{\"status\": 503, \"errorRate\": 1.0}");
            control.notificationFaults(Duration.ofSeconds(2), 3);
            control.addGuests("{\"label\": \"extra\", \"kind\": \"waiting\", \"queue\": \"Support\", \"ageSeconds\": 60}");
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(org.baseUri() + "/api/v2/routing/queues")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(control.requests()).isNotEmpty();

            org.beforeEach(null);

            assertThat(control.requests()).isEmpty();
            assertThat(control.call("GET", "/faults", null).has("status")).as("no faults").isFalse();
            assertThat(control.call("GET", "/notifications/faults", null).path("dropNext").asInt()).isZero();
            assertThat(control.conversations()).hasSize(guests);
            assertThat(control.guest("extra")).isEqualTo(Optional.empty());
        } finally {
            org.afterAll(null);
        }
    }

    @Test
    void loadedBeforeFieldsResetsBeforeTheTestObjectIsBuiltSoATokenTakenInAFieldLivesThroughTheTest() {
        SandboxExtension plain = new SandboxExtension(RunningSandbox.resource("/test-scenario.json"));
        SandboxExtension beforeFields = plain.loadedBeforeFields();
        plain.beforeAll(null);
        beforeFields.beforeAll(null);
        try {
            plain.beforeEach(null);
            String revoked = new RunningSandbox(plain).operatorToken();
            plain.beforeEach(null);
            assertThat(new RunningSandbox(plain).get("/api/v2/tokens/me", revoked).status())
                    .as("a token taken before the default reset dies with the old scenario").isEqualTo(401);

            beforeFields.preConstructTestInstance(null, null);
            RunningSandbox sandbox = new RunningSandbox(beforeFields);
            String token = sandbox.operatorToken();
            beforeFields.beforeEach(null);
            assertThat(sandbox.get("/api/v2/tokens/me", token).status()).isEqualTo(200);

            SandboxClient control = beforeFields.control();
            int guests = control.conversations().size();
            assertThat(sandbox.post("/api/v2/notifications/channels", token, "").status()).isEqualTo(200);
            assertThat(control.channels()).hasSize(1);
            control.faults("{\"status\": 503, \"errorRate\": 1.0}");
            control.addGuests("{\"label\": \"extra\", \"kind\": \"waiting\", \"queue\": \"Support\", \"ageSeconds\": 60}");
            beforeFields.preConstructTestInstance(null, null);
            assertThat(control.call("GET", "/faults", null).has("status")).as("no faults").isFalse();
            assertThat(control.conversations()).hasSize(guests);
            assertThat(control.channels()).as("the last test's channels are closed").isEmpty();
        } finally {
            beforeFields.afterAll(null);
            plain.afterAll(null);
        }
    }

    @Test
    void theClientsClockIsTheSandboxsManualClock() {
        SandboxClient control = extension.control();
        Clock clock = control.clock();
        Instant before = clock.instant();

        control.advance(Duration.ofMinutes(90));

        assertThat(Duration.between(before, clock.instant())).isEqualTo(Duration.ofMinutes(90));
    }
}
