package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.app.store.ApiTokens;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditLocation;
import dev.unstuck.app.store.SharedConnection;
import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.Watch;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysOrg;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;
import dev.unstuck.sandbox.client.SandboxClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service on a sandbox org, as a test uses it: one sandbox (manual clock), a SQLite audit, the
 * service on a free port, and tokens of each role. Calls go over real HTTP.
 */
final class ServiceFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SCENARIO = """
            {
              "seed": 5,
              "settings": {"rateLimitPerMinute": 100000},
              "roles": [{"name": "operator", "permissions": ["conversation:*:*", "analytics:*:*", "routing:queue:view"]}],
              "oauthClients": [{"id": "svc", "secret": "%s", "name": "service", "roles": ["operator"]}],
              "queues": [{"name": "Support"}],
              "agents": [{"name": "Ana Agent"}],
              "guests": [
                {"label": "waiting", "kind": "waiting", "queue": "Support", "ageSeconds": 4000},
                {"label": "waiting2", "kind": "waiting", "queue": "Support", "ageSeconds": 3900},
                {"label": "live", "kind": "live-agent", "queue": "Support", "agent": "Ana Agent", "ageSeconds": 3000},
                {"label": "young", "kind": "waiting", "queue": "Support", "ageSeconds": 20}
              ]
            }
            """;

    final Path home;
    final Sandbox sandbox;
    final Service service;
    final AuditDatabase db;
    final HttpClient http = HttpClient.newHttpClient();
    final String viewer;
    final String operator;
    final String admin;
    final SandboxClient control;

    ServiceFixture(Path home, boolean watch) throws Exception {
        this(home, watch, false);
    }

    /** With {@code managementPort}, health and metrics get a port of their own. */
    ServiceFixture(Path home, boolean watch, boolean managementPort) throws Exception {
        this(home, watch, managementPort, SCENARIO.formatted("s3cret"));
    }

    /** On a scenario of the test's own; its OAuth client must be {@code svc} / {@code s3cret} (as {@link #SCENARIO}'s). */
    ServiceFixture(Path home, boolean watch, boolean managementPort, String scenario) throws Exception {
        this.home = home;
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.MANUAL).withScenario(scenario));
        control = new SandboxClient(sandbox.baseUri());
        db = AuditDatabase.open(AuditLocation.parse(home.resolve("audit.db").toString()));
        GenesysOrg target = new GenesysOrg("acme", Region.parse(sandbox.baseUri().toString()), new Credentials("svc", "s3cret"),
                ClientSettings.defaults());
        Service.Settings settings = Service.Settings.defaults().withPort(0).withHost("127.0.0.1")
                .withWatch(watch, new Watch.Settings(Duration.ofMinutes(5), Watch.Settings.defaults().lookback(), Duration.ofMillis(200)))
                .withLeaseEvery(Duration.ofMillis(200)).withCredentialsEvery(Duration.ofMillis(500)).withResumeEvery(Duration.ofMillis(500))
                .withManagementPort(managementPort ? Optional.of(0) : Optional.empty());
        service = Service.start(settings, List.of(new Service.OrgSpec(target, Policy.defaults(), base -> base)), db,
                TestViews.VIEWS, Clock.systemUTC());
        try (SharedConnection c = SharedConnection.open(db.location())) {
            ApiTokens tokens = new ApiTokens(c);
            viewer = tokens.create("dashboard", "viewer", "test", Clock.systemUTC().instant());
            operator = tokens.create("billing-backend", "operator", "test", Clock.systemUTC().instant());
            admin = tokens.create("oncall", "admin", "test", Clock.systemUTC().instant());
        }
    }

    /** An answer: status, headers' request id, and the body as JSON (or text). */
    record Answer(int status, String body, Optional<String> requestId) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    Answer call(String method, String path, Optional<String> token, Optional<String> body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .method(method, body.map(HttpRequest.BodyPublishers::ofString).orElse(HttpRequest.BodyPublishers.noBody()))
                .timeout(Duration.ofSeconds(60));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        if (body.isPresent() && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("X-Request-Id"));
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + ": " + e, e);
        }
    }

    /** A GET on the management port (health, metrics), without a token. */
    Answer management(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.managementPort().orElseThrow() + path)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("X-Request-Id"));
        } catch (Exception e) {
            throw new AssertionError(path + ": " + e, e);
        }
    }

    /** A GET answered in full (headers too), with extra request headers. */
    HttpResponse<String> getRaw(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + path + ": " + e, e);
        }
    }

    Answer get(String path, String token) {
        return call("GET", path, Optional.of(token), Optional.empty(), Map.of());
    }

    /** One scrape of {@code /metrics} (on the API's port). */
    String scrape() {
        return call("GET", "/metrics", Optional.empty(), Optional.empty(), Map.of()).body();
    }

    Answer post(String path, String token, String body) {
        return call("POST", path, Optional.of(token), Optional.of(body), Map.of());
    }

    /** The sandbox's guest of that label: its id and whether it ended (the control API's view). */
    SandboxClient.Guest guest(String label) {
        return control.guest(label).orElseThrow(() -> new AssertionError("no guest " + label));
    }

    @Override
    public void close() {
        service.close();
        db.close();
        sandbox.close();
    }
}
