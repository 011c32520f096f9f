package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.app.Scenarios;
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
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Client;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A service on a sandbox org, as a test uses it: the sandbox from {@link SandboxExtension} (one per class,
 * manual clock, the scenario loaded afresh before every test), and before every test a SQLite audit in a
 * fresh directory ({@link #home}), the service on a free port, and tokens of each role; after it, all
 * closed. Calls go over real HTTP. Register it as a static field:
 * {@code @RegisterExtension static final ServiceFixture fx = ServiceFixture.service();}
 */
final class ServiceFixture implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The org's one OAuth client, the one the service signs in as. */
    static final String CLIENT_ID = "svc";
    static final String SECRET = "s3cret";

    final HttpClient http = HttpClient.newHttpClient();
    private final SandboxExtension sandbox;
    private final boolean watch;
    private final boolean managementPort;
    private final When when;
    private final boolean sandboxClock;
    private final Duration reconnectDelay;
    Path home;
    Service service;
    AuditDatabase db;
    String viewer;
    String operator;
    String admin;
    SandboxClient control;

    /** When the service starts: before each test, once for the class, or when the test says ({@link #start(boolean)}). */
    private enum When { EACH_TEST, ONCE, BY_THE_TEST }

    private ServiceFixture(SandboxExtension sandbox, boolean watch, boolean managementPort, When when, boolean sandboxClock,
                           Duration reconnectDelay) {
        this.sandbox = sandbox;
        this.watch = watch;
        this.managementPort = managementPort;
        this.when = when;
        this.sandboxClock = sandboxClock;
        this.reconnectDelay = reconnectDelay;
    }

    /** The org most service tests stand on: an operator client ({@link #CLIENT_ID}), one queue, two old guests, a live and a young one. */
    static ScenarioBuilder operatorOrg(long seed) {
        return operatorOrg(seed, SECRET);
    }

    /** The same org with the client's secret changed (a rotation the service has not heard of). */
    static ScenarioBuilder operatorOrg(long seed, String secret) {
        return ScenarioBuilder.seed(seed).setting("rateLimitPerMinute", 100_000)
                .role("operator", Scenarios.OPERATOR)
                .client(Client.of(CLIENT_ID, secret).name("service").roles("operator"));
    }

    static ScenarioBuilder scenario() {
        return scenario(SECRET);
    }

    static ScenarioBuilder scenario(String secret) {
        return operatorOrg(5, secret).queues("Support").agents("Ana Agent")
                .guests(Guest.waiting("waiting").queue("Support").ageSeconds(4000),
                        Guest.waiting("waiting2").queue("Support").ageSeconds(3900),
                        Guest.liveAgent("live").queue("Support").agent("Ana Agent").ageSeconds(3000),
                        Guest.waiting("young").queue("Support").ageSeconds(20));
    }

    /** A service without a watch on {@link #scenario()}, started before each test. */
    static ServiceFixture service() {
        return on(scenario());
    }

    /** On a scenario of the test's own; its OAuth client must be {@link #CLIENT_ID} / {@link #SECRET}. */
    static ServiceFixture on(ScenarioBuilder scenario) {
        return new ServiceFixture(new SandboxExtension(scenario), false, false, When.EACH_TEST, false, Duration.ofMillis(200));
    }

    /** The same with serve's watch on. */
    ServiceFixture watching() {
        return new ServiceFixture(sandbox, true, managementPort, when, sandboxClock, reconnectDelay);
    }

    /** The same with health and metrics on a port of their own. */
    ServiceFixture withManagementPort() {
        return new ServiceFixture(sandbox, watch, true, when, sandboxClock, reconnectDelay);
    }

    /** One service (and one scenario load) for the whole class, for tests that only read. */
    ServiceFixture oncePerClass() {
        return new ServiceFixture(sandbox.loadedOnce(), watch, managementPort, When.ONCE, sandboxClock, reconnectDelay);
    }

    /** Nothing started before a test: it calls {@link #start(boolean)} itself (the sandbox's scenario is loaded afresh still). */
    ServiceFixture startedByTheTest() {
        return new ServiceFixture(sandbox, watch, managementPort, When.BY_THE_TEST, sandboxClock, reconnectDelay);
    }

    /**
     * The service on the sandbox's manual clock, with the default credential check interval
     * ({@link #CREDENTIALS_EVERY}): the test moves time and sees what a check does within it.
     */
    ServiceFixture onTheSandboxClock() {
        return new ServiceFixture(sandbox, watch, managementPort, when, true, reconnectDelay);
    }

    /** The watch's first wait before retrying a failed channel or scan (200 ms unless a test needs its back-off to show). */
    ServiceFixture reconnectingAfter(Duration delay) {
        return new ServiceFixture(sandbox, watch, managementPort, when, sandboxClock, delay);
    }

    /** How often the service checks credentials by default (on its clock). */
    static final Duration CREDENTIALS_EVERY = Service.Settings.defaults().credentialsEvery();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        sandbox.beforeAll(context);
        control = sandbox.control();
        if (when == When.ONCE) {
            start(watch);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        sandbox.beforeEach(context);
        if (when == When.EACH_TEST) {
            start(watch);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (when != When.ONCE) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
        sandbox.afterAll(context);
    }

    /** Starts the service (with serve's watch if {@code watch}) on a fresh audit database. */
    void start(boolean watch) throws Exception {
        home = Files.createTempDirectory("service-test");
        db = AuditDatabase.open(AuditLocation.parse(home.resolve("audit.db").toString()));
        GenesysOrg target = new GenesysOrg("acme", Region.parse(sandbox.baseUri().toString()), new Credentials(CLIENT_ID, SECRET),
                ClientSettings.defaults());
        Service.Settings settings = Service.Settings.defaults().withPort(0).withHost("127.0.0.1")
                .withWatch(watch, new Watch.Settings(Duration.ofMinutes(5), Watch.Settings.defaults().lookback(), reconnectDelay))
                .withLeaseEvery(Duration.ofMillis(200)).withCredentialsEvery(sandboxClock ? CREDENTIALS_EVERY : Duration.ofMillis(500))
                .withResumeEvery(Duration.ofMillis(500))
                .withManagementPort(managementPort ? Optional.of(0) : Optional.empty());
        service = Service.start(settings, List.of(target), Service.Policies.defaults(), db,
                sandboxClock ? control.clock() : Clock.systemUTC());
        try (SharedConnection c = SharedConnection.open(db.location())) {
            ApiTokens tokens = new ApiTokens(c);
            viewer = tokens.create("dashboard", "viewer", "test", Clock.systemUTC().instant());
            operator = tokens.create("billing-backend", "operator", "test", Clock.systemUTC().instant());
            admin = tokens.create("oncall", "admin", "test", Clock.systemUTC().instant());
        }
    }

    /** The sandbox's base URL (the org's region). */
    URI sandboxUri() {
        return sandbox.baseUri();
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

    private void stop() throws IOException {
        if (service != null) {
            service.close();
            db.close();
            service = null;
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
