package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.app.Scenarios;
import dev.unstuck.app.UnstuckProcess;
import dev.unstuck.app.store.ApiTokens;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditEntry;
import dev.unstuck.app.store.AuditLocation;
import dev.unstuck.app.store.AuditQuery;
import dev.unstuck.app.store.SharedConnection;
import dev.unstuck.core.engine.AuditEvent;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import dev.unstuck.sandbox.junit.ChildProcess;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code unstuck serve} as its own process, stopped the two ways a platform stops it: {@code kill -9}
 * in the middle of API endings (the next serve, watching or not, finishes every one of them, logged and
 * audited), and SIGTERM (it drains: unready at once, the ending in flight finishes, new requests get
 * 503 with Retry-After, event streams get a last event, and it exits 0). Both run with JSON logs, and
 * every line the process prints must be an ECS JSON object.
 */
@Order(1) // a long class (serve processes stopped and killed) starts first, so the short ones run beside it
class ServeProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("on http://[^:]+:(\\d+)");

    static ScenarioBuilder scenario(int stuck) {
        return Scenarios.operatorOrg(7, "ops", "ops-secret").queues("Support").agents("Ana Agent")
                .guests(Guest.waiting("stuck").queue("Support").ageSeconds(5400).count(stuck),
                        Guest.liveAgent("live").queue("Support").agent("Ana Agent").ageSeconds(5000));
    }

    @RegisterExtension
    static final SandboxExtension org = new SandboxExtension(scenario(20));

    @TempDir
    Path home;

    final SandboxClient control = org.control();
    final HttpClient http = HttpClient.newHttpClient();
    final List<ChildProcess> processes = new ArrayList<>();
    String operator;

    @BeforeEach
    void token() throws Exception {
        try (AuditDatabase db = AuditDatabase.open(AuditLocation.parse(audit().toString()));
             SharedConnection c = SharedConnection.open(db.location())) {
            operator = new ApiTokens(c).create("ops-backend", "operator", "test", Clock.systemUTC().instant());
        }
    }

    @AfterEach
    void stop() {
        processes.forEach(ChildProcess::close);
    }

    @Test
    void aServeWithoutWatchKilledDuringTwentyEndingsHasEveryBegunEndingFinishedByTheNextServeLoggedAndAudited() throws Exception {
        slowPatches(100);
        ChildProcess first = serve("--no-watch");
        int port = port(first);
        List<CompletableFuture<HttpResponse<String>>> endings = new ArrayList<>();
        for (SandboxClient.Guest guest : stuck()) {
            endings.add(http.sendAsync(end(port, guest.id()), HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10)).until(() -> acceptedPatches().size() >= 6);
        first.kill(); // kill -9: no shutdown hook, claims left held by a dead run
        assertThat(first.waitFor(Duration.ofSeconds(30))).isTrue();
        endings.forEach(e -> e.cancel(true));
        assertThat(acceptedPatches().size()).as("the kill landed mid-way").isLessThan(40);
        Set<String> interrupted = claimed();
        assertThat(interrupted).as("endings the dead run left begun").isNotEmpty();
        control.clearFaults();

        ChildProcess second = serve("--no-watch");
        await().atMost(Duration.ofSeconds(60)).until(() -> claimed().isEmpty()
                && stuck().stream().filter(g -> interrupted.contains(g.id())).allMatch(SandboxClient.Guest::ended));

        List<SandboxClient.LoggedRequest> patches = acceptedPatches();
        for (SandboxClient.Guest guest : stuck()) {
            if (patches.stream().anyMatch(r -> r.path().contains(guest.id()))) {
                assertThat(guest.ended()).as(guest.id() + " was changed, so it is ended: none half-ended").isTrue();
            }
        }
        assertThat(acceptedPatches().stream().collect(Collectors.groupingBy(SandboxClient.LoggedRequest::path, Collectors.counting())))
                .as("each leg disconnected once").allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1));
        List<AuditEvent> audit;
        try (AuditDatabase db = AuditDatabase.open(AuditLocation.parse(audit().toString()))) {
            audit = db.query(AuditQuery.all(100_000)).stream().map(AuditEntry::event).toList();
        }
        for (String id : interrupted) {
            assertThat(audit).as(id + ": the resume is audited").anyMatch(e -> e.kind().equals(AuditEvent.Kind.RESUME) && e.subject().conversationId().equals(id));
            assertThat(audit).as(id + ": its ending is finished").anyMatch(e -> e.kind().equals(AuditEvent.Kind.OUTCOME) && e.subject().conversationId().equals(id));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logLines(second))
                    .as(id + ": the resume is logged").anyMatch(l -> l.path("message").asText().contains("resumed " + id)
                            && l.path("conversationId").asText().equals(id) && l.path("org").asText().equals("lab")));
        }
        assertEveryLineIsEcsJson(first);
        assertEveryLineIsEcsJson(second);
    }

    @Test
    void sigtermTurnsUnreadyAtOnceFinishesTheEndingInFlightRefusesNewRequestsEndsStreamsAndExitsZero() throws Exception {
        ChildProcess serve = serve("--no-watch");
        int port = port(serve);
        StreamLines events = stream(port);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.lines().contains(": connected"));

        slowPatches(3000); // the ending stays in flight for seconds after SIGTERM
        String id = stuck().get(0).id();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(end(port, id), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> control.requests().stream().anyMatch(r -> r.method().equals("GET") && r.path().contains(id)));
        serve.terminate();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> get(port, "/readyz").statusCode() == 503);
        HttpResponse<String> ready = get(port, "/readyz");
        assertThat(JSON.readTree(ready.body()).path("status").asText()).isEqualTo("draining");
        HttpResponse<String> refused = get(port, "/api/v1/orgs");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(refused.body()).path("code").asText()).as(refused.body()).isEqualTo("shutting.down");
        assertThat(inFlight.isDone()).as("the ending is still in flight while new requests are refused").isFalse();

        HttpResponse<String> finished = inFlight.get();
        assertThat(finished.statusCode()).as(finished.body()).isEqualTo(200);
        assertThat(control.guest(stuck().get(0).label()).orElseThrow().ended()).isTrue();
        assertThat(serve.waitFor(Duration.ofSeconds(60))).as(serve.output()).isTrue();
        assertThat(serve.exitValue()).as("a stop asked for is a success\n" + serve.output()).isZero();
        events.closed().get();
        assertThat(events.lines()).as("the stream's last event").contains("event: shutdown");
        assertThat(logLines(serve)).anyMatch(l -> l.path("message").asText().endsWith("stopped"));
        assertEveryLineIsEcsJson(serve);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static void assertEveryLineIsEcsJson(ChildProcess process) {
        assertThat(process.lines()).as("something was printed").isNotEmpty();
        for (String line : process.lines()) {
            JsonNode json;
            try {
                json = JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("a plain line in JSON logs: " + line);
            }
            assertThat(json.isObject()).as(line).isTrue();
            for (String field : List.of("@timestamp", "log.level", "message", "service.name", "log.logger", "process.thread.name")) {
                assertThat(json.has(field)).as(field + " in " + line).isTrue();
            }
            assertThat(json.path("service.name").asText()).isEqualTo("unstuck");
        }
    }

    private static List<JsonNode> logLines(ChildProcess process) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : process.lines()) {
            try {
                lines.add(JSON.readTree(line));
            } catch (Exception notJson) {
                // assertEveryLineIsEcsJson says so
            }
        }
        return lines;
    }

    private Path audit() {
        return home.resolve("audit.db");
    }

    private ChildProcess serve(String... extra) throws Exception {
        Path config = UnstuckProcess.config(home, "lab", org.baseUri(), "ops", "ops-secret", "");
        List<String> args = new ArrayList<>(List.of("serve", "--config", config.toString(), "--port", "0", "--host", "127.0.0.1",
                "--log-format", "json"));
        args.addAll(List.of(extra));
        ChildProcess process = UnstuckProcess.unstuck(Map.of("UNSTUCK_OPERATOR", "serve-test"), args);
        processes.add(process);
        await().atMost(Duration.ofSeconds(60)).until(() -> port(process) > 0 || !process.isAlive());
        assertThat(process.isAlive()).as(process.output()).isTrue();
        return process;
    }

    private static int port(ChildProcess process) {
        for (String line : process.lines()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }

    private HttpRequest end(int port, String id) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/orgs/lab/conversations/" + id + "/end"))
                .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"INC-serve\"}")).timeout(Duration.ofSeconds(120)).build();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + operator)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Follows {@code /api/v1/events} line by line until the server closes the stream. */
    private StreamLines stream(int port) throws Exception {
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
                .header("Authorization", "Bearer " + operator).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        return StreamLines.follow(stream);
    }

    private List<SandboxClient.Guest> stuck() {
        return control.conversations().stream().filter(g -> g.label().startsWith("stuck")).toList();
    }

    private List<SandboxClient.LoggedRequest> acceptedPatches() {
        return control.requests().stream().filter(r -> r.method().equals("PATCH") && r.status() / 100 == 2).toList();
    }

    /** Conversations the engine claimed and has not finished (the dead run's, until resumed). */
    private Set<String> claimed() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + audit()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT conversation_id FROM conversation_claim WHERE purpose = 'run'")) {
            Set<String> ids = new java.util.HashSet<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        }
    }

    /** Every participant PATCH takes this long (real time), so a stop lands while endings are under way. */
    private void slowPatches(int millis) {
        control.faults("{\"status\": 503, \"errorRate\": 0, \"latencyMs\": " + millis + ", \"pathPattern\": \"/participants/\"}");
    }
}
