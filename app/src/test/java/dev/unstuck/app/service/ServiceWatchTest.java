package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditLocation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The service's watch, readiness, picture, event stream and background sweeps, on a sandbox org. */
@Order(2) // a long class starts early, so the short ones run beside it
class ServiceWatchTest {
    @RegisterExtension
    static final ServiceFixture fx = ServiceFixture.service().watching();

    private JsonNode ready() {
        return fx.call("GET", "/readyz", Optional.empty(), Optional.empty(), Map.of()).json();
    }

    @Test
    void isReadyAndShowsTheQueuesPictureOnceTheWatchIsConnected() {
        await().atMost(Duration.ofSeconds(30)).until(() -> ready().path("status").asText().equals("ready")
                && fx.service.watchedOrgs().contains("acme"));
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.get("/api/v1/orgs/acme/queues", fx.viewer).json().path("queues").size() == 1);

        JsonNode support = fx.get("/api/v1/orgs/acme/queues", fx.viewer).json().path("queues").get(0);
        assertThat(support.path("queue").asText()).isEqualTo("Support");
        assertThat(support.path("waiting").asInt()).as(support.toString()).isGreaterThanOrEqualTo(1);
        assertThat(fx.call("GET", "/healthz", Optional.empty(), Optional.empty(), Map.of()).status()).isEqualTo(200);
    }

    @Test
    void staysReadyWhenTheCredentialsStopWorkingAndShowsTheOrgDownWithTheReason() {
        await().atMost(Duration.ofSeconds(30)).until(() -> ready().path("status").asText().equals("ready") && org().path("up").asBoolean());

        fx.control.loadScenario(ServiceFixture.scenario("rotated-elsewhere").json());
        fx.control.revokeTokens();

        // Genesys trouble is every replica's: it never takes this one out of the load balancer.
        await().atMost(Duration.ofSeconds(30)).until(() -> org().path("problem").asText().startsWith("credentials refused"));
        assertThat(org().path("up").asBoolean()).isFalse();
        assertThat(org().path("credentials").asText()).startsWith("credentials refused");
        assertThat(fx.call("GET", "/readyz", Optional.empty(), Optional.empty(), Map.of()).status()).isEqualTo(200);
        assertThat(metric("unstuck_org_up{org=\"acme\"}")).isEqualTo(0);
        assertThat(metric("unstuck_org_credentials_ok{org=\"acme\"}")).isEqualTo(0);

        // Recovery once an administrator fixes the client: CredentialRecoveryTest.
    }

    private JsonNode org() {
        return fx.get("/api/v1/orgs", fx.viewer).json().path("orgs").get(0);
    }

    private double metric(String series) {
        String scrape = fx.call("GET", "/metrics", Optional.empty(), Optional.empty(), Map.of()).body();
        return scrape.lines().filter(l -> l.startsWith(series + " ")).map(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + series + " in\n" + scrape));
    }

    @Test
    void streamsEndingsAsServerSentEvents() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.service.port() + "/api/v1/events"))
                .header("Authorization", "Bearer " + fx.viewer).header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.io.InputStream> stream = fx.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        List<String> lines = StreamLines.follow(stream).lines();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("connected")));

        String id = fx.guest("waiting").id();
        fx.post("/api/v1/orgs/acme/conversations/" + id + "/end", fx.operator, "{\"reason\":\"INC-9\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(id)));
        assertThat(lines).anyMatch(l -> l.equals("event: ending"));
        stream.body().close();
    }

    @Test
    void runsASweepInTheBackgroundAndReportsIt() {
        fx.control.advance(Duration.ofSeconds(60));
        ServiceFixture.Answer started = fx.post("/api/v1/orgs/acme/sweeps", fx.operator, "{\"dryRun\": true}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().path("id").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> !fx.get("/api/v1/orgs/acme/sweeps/" + id, fx.viewer).json()
                .path("state").asText().equals("running"));

        JsonNode sweep = fx.get("/api/v1/orgs/acme/sweeps/" + id, fx.viewer).json();
        assertThat(sweep.path("state").asText()).as(sweep.toString()).isEqualTo("done");
        assertThat(sweep.path("requestedBy").asText()).isEqualTo("token:billing-backend");
        assertThat(sweep.path("report").isObject()).isTrue();
        assertThat(fx.control.ended("waiting")).as("a dry run ends nothing").isFalse();
    }

    @Test
    void aSecondServeOnTheSameSqliteFileIsRefused() throws Exception {
        try (AuditDatabase db = AuditDatabase.open(AuditLocation.parse(fx.home.resolve("audit.db").toString()))) {
            assertThatThrownBy(() -> Service.start(Service.Settings.defaults().withPort(0).withHost("127.0.0.1"), List.of(), Service.Policies.defaults(), db,
                    java.time.Clock.systemUTC()))
                    .isInstanceOf(Service.AlreadyServed.class).hasMessageContaining("SQLite allows one replica");
        }
    }
}
