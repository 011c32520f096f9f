package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed control client's notification calls do what the control API documents (see ControlApiTest for the HTTP surface). */
class SandboxClientTest {
    private static final String CHANNELS = "/api/v2/notifications/channels";
    private static final String SUPPORT_TOPIC = "v2.routing.queues.q-support.conversations.messages";

    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/analytics-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    private final SandboxClient control = new SandboxClient(sandbox.baseUri());
    private final String token = sandbox.token("analyst", "analyst-secret");

    private String subscribedChannel() {
        String id = sandbox.post(CHANNELS, token, "").json().get("id").asText();
        sandbox.post(CHANNELS + "/" + id + "/subscriptions", token, "[{\"id\": \"" + SUPPORT_TOPIC + "\"}]");
        return id;
    }

    @Test
    void channelsListsEachChannelWithItsClientAndTopics() {
        String id = subscribedChannel();

        assertThat(control.channels()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(id);
            assertThat(c.clientId()).isEqualTo("analyst");
            assertThat(c.connected()).isFalse();
            assertThat(c.topics()).containsExactly(SUPPORT_TOPIC);
        });
    }

    @Test
    void noLongerSubscribedForgetsTheTopicsOfTheNamedChannelOnly() {
        String gone = subscribedChannel();
        String kept = subscribedChannel();

        assertThat(control.noLongerSubscribed(Optional.of(gone))).isEqualTo(1);

        assertThat(control.channels()).anySatisfy(c -> {
            assertThat(c.id()).isEqualTo(gone);
            assertThat(c.topics()).isEmpty();
        }).anySatisfy(c -> {
            assertThat(c.id()).isEqualTo(kept);
            assertThat(c.topics()).containsExactly(SUPPORT_TOPIC);
        });
    }

    @Test
    void notificationFaultsAreSetAndCleared() {
        control.notificationFaults(Duration.ofMillis(1500), 3);
        JsonNode set = control.call("GET", "/notifications/faults", null);
        assertThat(set.path("delaySeconds").asDouble()).isEqualTo(1.5);
        assertThat(set.path("dropNext").asInt()).isEqualTo(3);

        control.clearNotificationFaults();
        JsonNode cleared = control.call("GET", "/notifications/faults", null);
        assertThat(cleared.path("delaySeconds").asDouble()).isZero();
        assertThat(cleared.path("dropNext").asInt()).isZero();
    }

    @Test
    void aRefusedControlCallIsAnErrorWithItsStatus() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> control.conversation("no-such-conversation"))
                .isInstanceOfSatisfying(SandboxClient.ControlError.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void controlUriIsWhereAUserReachesTheControlApi() throws Exception {
        HttpResponse<String> clock = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(control.controlUri() + "/clock")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(clock.statusCode()).isEqualTo(200);
        assertThat(RunningSandbox.JSON.readTree(clock.body()).get("mode").asText()).isEqualTo("manual");
    }
}
