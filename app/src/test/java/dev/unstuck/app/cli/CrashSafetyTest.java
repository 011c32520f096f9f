package dev.unstuck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditEntry;
import dev.unstuck.app.store.AuditLocation;
import dev.unstuck.app.store.AuditQuery;
import dev.unstuck.core.engine.AuditEvent;
import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit as a write-ahead journal, proven with real processes: `sweep` and `watch` are killed
 * (SIGKILL and SIGTERM) at a random point while they end guests of a sandbox org, and run again. The
 * sandbox's request log is the ground truth: every participant PATCH it accepted must appear in the
 * audit (by its correlation id, or as an intent whose answer never came), none accepted twice, and no
 * conversation left half-ended. The kill points come from one seed, printed, so a failure replays:
 * {@code -Dunstuck.crashSeed=N}.
 */
class CrashSafetyTest {
    static final long SEED = Long.getLong("unstuck.crashSeed", 20261128L);
    private static final ObjectMapper JSON = new ObjectMapper();

    static String scenario(int stuck, int ageSeconds) {
        return """
                {
                  "seed": 5,
                  "settings": {"rateLimitPerMinute": 100000},
                  "roles": [{"name": "operator", "permissions": ["conversation:*:*", "analytics:*:*", "routing:queue:view"]}],
                  "oauthClients": [{"id": "ops", "secret": "ops-secret", "name": "ops", "roles": ["operator"]}],
                  "queues": [{"name": "Support"}],
                  "agents": [{"name": "Ana Agent"}],
                  "guests": [
                    {"label": "stuck", "kind": "waiting", "queue": "Support", "ageSeconds": %d, "count": %d},
                    {"label": "live", "kind": "live-agent", "queue": "Support", "agent": "Ana Agent", "ageSeconds": 5000, "count": 3},
                    {"label": "young", "kind": "waiting", "queue": "Support", "ageSeconds": 20, "count": 2}
                  ]
                }
                """.formatted(ageSeconds, stuck);
    }

    @TempDir
    Path home;

    Sandbox sandbox;
    final List<Process> processes = new ArrayList<>();
    final Random random = new Random(SEED);

    @BeforeEach
    void announceSeed() {
        System.out.println("CrashSafetyTest seed " + SEED + " (replay with -Dunstuck.crashSeed=" + SEED + ")");
    }

    @AfterEach
    void stop() {
        processes.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aSweepKilledWithSigkillMidRunIsFinishedByTheNextRunExactlyOnceAndFullyAudited() throws Exception {
        sweepKilledThenRunAgain(Process::destroyForcibly, 1);
    }

    @Test
    void aSweepStoppedWithSigtermMidRunIsFinishedByTheNextRunExactlyOnceAndFullyAudited() throws Exception {
        sweepKilledThenRunAgain(p -> p.toHandle().destroy(), 2);
    }

    private void sweepKilledThenRunAgain(Consumer<Process> kill, int salt) throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.MANUAL).withScenario(scenario(12, 5400)));
        Path config = config(sandbox, 30);
        int killAfter = 1 + new Random(SEED + salt).nextInt(20); // of the 24 PATCHes the sweep makes
        String seed = "seed " + SEED + ", killed after " + killAfter + " accepted PATCHes";

        slowPatches();
        Process first = start(config, List.of("sweep", "--reason", "INC-crash"), new CopyOnWriteArrayList<>());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10)).until(() -> acceptedPatches().size() >= killAfter);
        kill.accept(first);
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).as(seed).isTrue();
        assertThat(acceptedPatches().size()).as(seed + ": the kill landed mid-sweep").isLessThan(24);
        control("DELETE", "/faults");

        List<String> second = new CopyOnWriteArrayList<>();
        Process rerun = start(config, List.of("sweep", "--reason", "INC-crash-rerun"), second);
        assertThat(rerun.waitFor(90, TimeUnit.SECONDS)).as(seed).isTrue();
        assertThat(rerun.exitValue()).as(seed + "\n" + String.join("\n", second)).isZero();

        assertEveryStuckGuestEndedOnceAndAudited(seed);
    }

    @Test
    void aWatchKilledMidEndingAndHeldBusyByAReaderLosesNoWorkerAndNoAct() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.MANUAL).withScenario(scenario(8, 590)));
        Path config = config(sandbox, 10);
        Path db = home.resolve("audit.db");
        List<String> firstLines = new CopyOnWriteArrayList<>();
        Process first = start(config, List.of("watch", "--reason", "INC-watch"), firstLines);
        await().atMost(Duration.ofSeconds(60)).until(() -> said(firstLines, "scan:"));

        slowPatches();
        int killAfter = 1 + random.nextInt(12); // of the 16 PATCHes ending the 8 guests takes
        String seed = "seed " + SEED + ", watch killed after " + killAfter + " accepted PATCHes";
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            // A DB browser's read transaction, open across every write the watch makes from here on.
            reader.setAutoCommit(false);
            long before = count(reader);
            advance(sandbox, 30);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> acceptedPatches().size() >= killAfter);
            assertThat(first.isAlive()).as(seed + "\n" + String.join("\n", firstLines)).isTrue();
            assertThat(firstLines).as(seed).noneMatch(l -> l.contains("worker died"));
            assertThat(count(reader)).as("the reader's snapshot holds").isEqualTo(before);
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(acceptedPatches().size()).as(seed + ": the kill landed mid-way").isLessThan(16);
            reader.rollback();
        }
        control("DELETE", "/faults");

        List<String> secondLines = new CopyOnWriteArrayList<>();
        Process second = start(config, List.of("watch", "--reason", "INC-watch-restart"), secondLines);
        await().atMost(Duration.ofSeconds(90)).until(() -> stuckGuests().stream().allMatch(g -> g.path("ended").asBoolean()));
        await().atMost(Duration.ofSeconds(30)).until(() -> openIntents(db).isEmpty());
        second.toHandle().destroy();
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(String.join("\n", secondLines)).isIn(0, 143); // 143: the JVM's own exit on SIGTERM
        assertThat(secondLines).noneMatch(l -> l.contains("worker died"));

        assertEveryStuckGuestEndedOnceAndAudited(seed);
    }

    @Test
    void aWatchWhoseAuditCannotBeWrittenStopsWithANonZeroExitAndOneLine() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.MANUAL).withScenario(scenario(2, 590)));
        Path config = config(sandbox, 10);
        List<String> lines = new CopyOnWriteArrayList<>();
        Process watch = start(config, List.of("watch"), lines);
        await().atMost(Duration.ofSeconds(60)).until(() -> said(lines, "scan:"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("audit.db")); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_event RENAME TO audit_event_moved"); // the next write fails for good
        }

        advance(sandbox, 30);

        assertThat(watch.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", lines)).isTrue();
        assertThat(watch.exitValue()).as(String.join("\n", lines)).isEqualTo(ExitCode.AUDIT.code());
        assertThat(lines).filteredOn(l -> l.contains("[lab] worker died")).singleElement()
                .satisfies(l -> assertThat(l).contains("cannot write to the audit database"));
        assertThat(lines).noneMatch(l -> l.contains("Exception") || l.trim().startsWith("at "));
        assertThat(acceptedPatches()).as("nothing is sent that could not be recorded first").isEmpty();
    }

    // ---- what the sandbox and the audit say -----------------------------------------------------

    private void assertEveryStuckGuestEndedOnceAndAudited(String seed) throws Exception {
        List<JsonNode> accepted = acceptedPatches();
        Map<String, Long> perLeg = accepted.stream().collect(Collectors.groupingBy(r -> r.path("path").asText(), Collectors.counting()));
        assertThat(perLeg).as(seed + ": each participant PATCH accepted once").allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1));
        assertThat(stuckGuests()).as(seed + ": every stuck guest ended").allSatisfy(g -> assertThat(g.path("ended").asBoolean()).isTrue());
        List<JsonNode> changes = control("GET", "/requests").findParents("method").stream()
                .filter(r -> !r.path("method").asText().equals("GET") && r.path("path").asText().startsWith("/api/v2/conversations/")).toList();
        for (JsonNode other : guests()) {
            if (!other.path("label").asText().startsWith("stuck")) {
                String id = other.path("id").asText();
                assertThat(changes).as(seed + ": " + other.path("label").asText() + " untouched")
                        .noneMatch(r -> r.path("path").asText().contains(id));
            }
        }
        List<AuditEntry> audit;
        try (AuditDatabase db = AuditDatabase.open(AuditLocation.parse(home.resolve("audit.db").toString()))) {
            audit = db.query(AuditQuery.all(100_000));
        }
        List<String> recordedIds = audit.stream().filter(e -> e.kind().equals(AuditEvent.STEP)).flatMap(e -> e.correlationIds().stream()).toList();
        List<String> unknownActs = audit.stream().filter(e -> e.kind().equals(AuditEvent.STEP) && e.outcome().equals(AuditEvent.RESULT_UNKNOWN))
                .map(AuditEntry::actId).toList();
        List<String> unknownCalls = audit.stream().filter(e -> e.kind().equals(AuditEvent.INTENT) && unknownActs.contains(e.actId()))
                .map(AuditEntry::summary).toList();
        for (JsonNode request : accepted) {
            String path = request.path("path").asText();
            boolean byCorrelationId = recordedIds.contains(request.path("correlationId").asText());
            boolean asUnknownIntent = unknownCalls.stream().anyMatch(call -> call.contains(path + " "));
            assertThat(byCorrelationId || asUnknownIntent).as(seed + ": the accepted PATCH " + path + " is in the audit").isTrue();
        }
        assertThat(openIntents(home.resolve("audit.db"))).as(seed + ": every intent is completed").isEmpty();
        if (!unknownActs.isEmpty()) {
            assertThat(audit).as(seed + ": the rerun says it resumed").anyMatch(e -> e.kind().equals(AuditEvent.RESUME));
        }
    }

    private static List<String> openIntents(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT i.act_id FROM audit_event i WHERE i.kind = 'intent' AND NOT EXISTS"
                     + " (SELECT 1 FROM audit_event c WHERE c.kind = 'step' AND c.act_id = i.act_id)")) {
            List<String> open = new ArrayList<>();
            while (rs.next()) {
                open.add(rs.getString(1));
            }
            return open;
        }
    }

    private static long count(Connection reader) throws Exception {
        try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<JsonNode> acceptedPatches() throws Exception {
        List<JsonNode> accepted = new ArrayList<>();
        for (JsonNode r : control("GET", "/requests")) {
            if (r.path("method").asText().equals("PATCH") && r.path("status").asInt() / 100 == 2) {
                accepted.add(r);
            }
        }
        return accepted;
    }

    private List<JsonNode> guests() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        control("GET", "/conversations").forEach(all::add);
        return all;
    }

    private List<JsonNode> stuckGuests() throws Exception {
        return guests().stream().filter(g -> g.path("label").asText().startsWith("stuck")).toList();
    }

    /** Every participant PATCH takes 100 ms of real time, so a kill lands while endings are under way. */
    private void slowPatches() throws Exception {
        control("PUT", "/faults", "{\"status\": 503, \"errorRate\": 0, \"latencyMs\": 100, \"pathPattern\": \"/participants/\"}");
    }

    private JsonNode control(String method, String path) throws Exception {
        return control(method, path, "");
    }

    private JsonNode control(String method, String path, String body) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/sandbox/v1" + path))
                .header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode() / 100).as(answer.body()).isEqualTo(2);
        return answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
    }

    private static void advance(Sandbox sandbox, int seconds) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/sandbox/v1/clock/advance"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"seconds\":" + seconds + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    // ---- the processes ----------------------------------------------------------------------------

    private Path config(Sandbox sandbox, int maxWaitMinutes) throws Exception {
        Path config = home.resolve("unstuck.yaml");
        Files.writeString(config, """
                orgs:
                  lab:
                    region: %s
                    clientId: ops
                    clientSecret: ops-secret
                    requestsPerMinute: 100000
                detection:
                  maxWait: %dm
                  minAge: 1m
                audit:
                  db: %s
                """.formatted(sandbox.baseUri(), maxWaitMinutes, home.resolve("audit.db")));
        return config;
    }

    private Process start(Path config, List<String> args, List<String> lines) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-cp", System.getProperty("java.class.path"), "dev.unstuck.app.Main"));
        command.addAll(args);
        command.addAll(List.of("--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("UNSTUCK_OPERATOR", "crash-test");
        Process process = builder.start();
        processes.add(process);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("reader: " + e.getMessage());
            }
        }, "output-of-" + args.get(0));
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private static boolean said(List<String> lines, String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }
}
