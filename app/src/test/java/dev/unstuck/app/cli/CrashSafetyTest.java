package dev.unstuck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unstuck.app.Scenarios;
import dev.unstuck.app.UnstuckProcess;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditEntry;
import dev.unstuck.app.store.AuditLocation;
import dev.unstuck.app.store.AuditQuery;
import dev.unstuck.core.engine.AuditEvent;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import dev.unstuck.sandbox.junit.ChildProcess;
import dev.unstuck.sandbox.junit.SandboxExtension;
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
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit as a write-ahead journal, proven with real processes: `sweep` and `watch` are killed
 * (SIGKILL and SIGTERM) at a random point while they end guests of a sandbox org, and run again. The
 * sandbox's request log is the ground truth: every participant PATCH it accepted must appear in the
 * audit (by its correlation id, or as an intent whose answer never came), none accepted twice, and no
 * conversation left half-ended. The kill points come from one seed, printed, so a failure replays:
 * {@code -Dunstuck.crashSeed=N}.
 */
@Order(1) // app's longest class (child processes killed mid-run) starts first
class CrashSafetyTest {
    static final long SEED = Long.getLong("unstuck.crashSeed", 20261128L);

    /** {@code count} guests labelled stuck waiting in Support for {@code ageSeconds} (one scenario entry). */
    static Guest stuckGuests(int count, int ageSeconds) {
        return Guest.waiting("stuck").queue("Support").ageSeconds(ageSeconds).count(count);
    }

    static ScenarioBuilder scenario(int stuck, int ageSeconds) {
        ScenarioBuilder org = Scenarios.operatorOrg(5, "ops", "ops-secret").queues("Support").agents("Ana Agent");
        if (stuck > 0) {
            org.guests(stuckGuests(stuck, ageSeconds));
        }
        return org.guests(Guest.liveAgent("live").queue("Support").agent("Ana Agent").ageSeconds(5000).count(3),
                Guest.waiting("young").queue("Support").ageSeconds(20).count(2));
    }

    @RegisterExtension
    static final SandboxExtension org = new SandboxExtension(scenario(12, 5400));

    @TempDir
    Path home;

    final SandboxClient control = org.control();
    final List<ChildProcess> processes = new ArrayList<>();
    final Random random = new Random(SEED);

    @BeforeEach
    void announceSeed() {
        System.out.println("CrashSafetyTest seed " + SEED + " (replay with -Dunstuck.crashSeed=" + SEED + ")");
    }

    @AfterEach
    void stop() {
        processes.forEach(ChildProcess::close);
    }

    @Test
    void aSweepKilledWithSigkillMidRunIsFinishedByTheNextRunExactlyOnceAndFullyAudited() throws Exception {
        sweepKilledThenRunAgain(ChildProcess::kill, 1);
    }

    @Test
    void aSweepStoppedWithSigtermMidRunIsFinishedByTheNextRunExactlyOnceAndFullyAudited() throws Exception {
        sweepKilledThenRunAgain(ChildProcess::terminate, 2);
    }

    private void sweepKilledThenRunAgain(Consumer<ChildProcess> kill, int salt) throws Exception {
        Path config = config(30);
        int killAfter = 1 + new Random(SEED + salt).nextInt(20); // of the 24 PATCHes the sweep makes
        String seed = "seed " + SEED + ", killed after " + killAfter + " accepted PATCHes";

        slowPatches();
        ChildProcess first = start(config, List.of("sweep", "--reason", "INC-crash"));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10)).until(() -> acceptedPatches().size() >= killAfter);
        kill.accept(first);
        assertThat(first.waitFor(Duration.ofSeconds(30))).as(seed).isTrue();
        assertThat(acceptedPatches().size()).as(seed + ": the kill landed mid-sweep").isLessThan(24);
        control.clearFaults();

        ChildProcess rerun = start(config, List.of("sweep", "--reason", "INC-crash-rerun"));
        assertThat(rerun.waitFor(Duration.ofSeconds(90))).as(seed).isTrue();
        assertThat(rerun.exitValue()).as(seed + "\n" + rerun.output()).isZero();

        assertEveryStuckGuestEndedOnceAndAudited(seed);
    }

    @Test
    void aWatchKilledMidEndingAndHeldBusyByAReaderLosesNoWorkerAndNoAct() throws Exception {
        // The guests to end arrive once the reader holds its snapshot: the child judges with the machine's
        // clock, so guests loaded before it starts could cross while it is still starting on a loaded machine.
        control.loadScenario(scenario(0, 0).json());
        Path config = config(10);
        Path db = home.resolve("audit.db");
        ChildProcess first = start(config, List.of("watch", "--reason", "INC-watch"));
        await().atMost(Duration.ofSeconds(60)).until(() -> first.said("scan:"));

        slowPatches();
        int killAfter = 1 + random.nextInt(12); // of the 16 PATCHes ending the 8 guests takes
        String seed = "seed " + SEED + ", watch killed after " + killAfter + " accepted PATCHes";
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            // A DB browser's read transaction, open across every write the watch makes from here on.
            reader.setAutoCommit(false);
            long before = count(reader);
            control.addGuests(stuckGuests(8, 700).json());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> acceptedPatches().size() >= killAfter);
            assertThat(first.isAlive()).as(seed + "\n" + first.output()).isTrue();
            assertThat(first.lines()).as(seed).noneMatch(l -> l.contains("worker died"));
            assertThat(count(reader)).as("the reader's snapshot holds").isEqualTo(before);
            first.kill();
            assertThat(first.waitFor(Duration.ofSeconds(30))).isTrue();
            assertThat(acceptedPatches().size()).as(seed + ": the kill landed mid-way").isLessThan(16);
            reader.rollback();
        }
        control.clearFaults();

        ChildProcess second = start(config, List.of("watch", "--reason", "INC-watch-restart"));
        await().atMost(Duration.ofSeconds(90)).until(() -> stuckGuests().stream().allMatch(SandboxClient.Guest::ended));
        await().atMost(Duration.ofSeconds(30)).until(() -> openIntents(db).isEmpty());
        second.terminate();
        assertThat(second.waitFor(Duration.ofSeconds(30))).isTrue();
        assertThat(second.exitValue()).as(second.output()).isIn(0, 143); // 143: the JVM's own exit on SIGTERM
        assertThat(second.lines()).noneMatch(l -> l.contains("worker died"));

        assertEveryStuckGuestEndedOnceAndAudited(seed);
    }

    @Test
    void aWatchWhoseAuditCannotBeWrittenStopsWithANonZeroExitAndOneLine() throws Exception {
        // The guests to end arrive only once the audit is broken: the child judges with the machine's clock,
        // and on a loaded machine its start-up could outlast any margin given to guests loaded before it.
        control.loadScenario(scenario(0, 0).json());
        Path config = config(10);
        ChildProcess watch = start(config, List.of("watch"));
        await().atMost(Duration.ofSeconds(60)).until(() -> watch.said("scan:"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("audit.db")); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_event RENAME TO audit_event_moved"); // the next write fails for good
        }

        control.addGuests(stuckGuests(2, 700).json());

        assertThat(watch.waitFor(Duration.ofSeconds(60))).as(watch.output()).isTrue();
        assertThat(watch.exitValue()).as(watch.output()).isEqualTo(ExitCode.AUDIT.code());
        assertThat(watch.lines()).filteredOn(l -> l.contains("[lab] worker died")).singleElement()
                .satisfies(l -> assertThat(l).contains("cannot write to the audit database"));
        assertThat(watch.lines()).noneMatch(l -> l.contains("Exception") || l.trim().startsWith("at "));
        assertThat(acceptedPatches()).as("nothing is sent that could not be recorded first").isEmpty();
    }

    // ---- what the sandbox and the audit say -----------------------------------------------------

    private void assertEveryStuckGuestEndedOnceAndAudited(String seed) throws Exception {
        List<SandboxClient.LoggedRequest> accepted = acceptedPatches();
        Map<String, Long> perLeg = accepted.stream().collect(Collectors.groupingBy(SandboxClient.LoggedRequest::path, Collectors.counting()));
        assertThat(perLeg).as(seed + ": each participant PATCH accepted once").allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1));
        assertThat(stuckGuests()).as(seed + ": every stuck guest ended").allSatisfy(g -> assertThat(g.ended()).isTrue());
        List<SandboxClient.LoggedRequest> changes = control.requests().stream()
                .filter(r -> !r.method().equals("GET") && r.path().startsWith("/api/v2/conversations/")).toList();
        for (SandboxClient.Guest other : control.conversations()) {
            if (!other.label().startsWith("stuck")) {
                String id = other.id();
                assertThat(changes).as(seed + ": " + other.label() + " untouched")
                        .noneMatch(r -> r.path().contains(id));
            }
        }
        List<AuditEvent> audit;
        try (AuditDatabase db = AuditDatabase.open(AuditLocation.parse(home.resolve("audit.db").toString()))) {
            audit = db.query(AuditQuery.all(100_000)).stream().map(AuditEntry::event).toList();
        }
        List<String> recordedIds = audit.stream().filter(e -> e.kind().equals(AuditEvent.Kind.STEP)).flatMap(e -> e.correlationIds().stream()).toList();
        List<String> unknownActs = audit.stream().filter(e -> e.kind().equals(AuditEvent.Kind.STEP) && e.result().equals(AuditEvent.Result.UNKNOWN))
                .map(AuditEvent::actId).toList();
        List<String> unknownCalls = audit.stream().filter(e -> e.kind().equals(AuditEvent.Kind.INTENT) && unknownActs.contains(e.actId()))
                .map(AuditEvent::summary).toList();
        for (SandboxClient.LoggedRequest request : accepted) {
            String path = request.path();
            boolean byCorrelationId = recordedIds.contains(request.correlationId());
            boolean asUnknownIntent = unknownCalls.stream().anyMatch(call -> call.contains(path + " "));
            assertThat(byCorrelationId || asUnknownIntent).as(seed + ": the accepted PATCH " + path + " is in the audit").isTrue();
        }
        assertThat(openIntents(home.resolve("audit.db"))).as(seed + ": every intent is completed").isEmpty();
        if (!unknownActs.isEmpty()) {
            assertThat(audit).as(seed + ": the rerun says it resumed").anyMatch(e -> e.kind().equals(AuditEvent.Kind.RESUME));
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

    private List<SandboxClient.LoggedRequest> acceptedPatches() {
        return control.requests().stream().filter(r -> r.method().equals("PATCH") && r.status() / 100 == 2).toList();
    }

    private List<SandboxClient.Guest> stuckGuests() {
        return control.conversations().stream().filter(g -> g.label().startsWith("stuck")).toList();
    }

    /** Every participant PATCH takes 100 ms of real time, so a kill lands while endings are under way. */
    private void slowPatches() {
        control.faults("{\"status\": 503, \"errorRate\": 0, \"latencyMs\": 100, \"pathPattern\": \"/participants/\"}");
    }

    // ---- the processes ----------------------------------------------------------------------------

    private Path config(int maxWaitMinutes) throws Exception {
        return UnstuckProcess.config(home, "lab", org.baseUri(), "ops", "ops-secret", """
                detection:
                  maxWait: %dm
                  minAge: 1m
                """.formatted(maxWaitMinutes));
    }

    private ChildProcess start(Path config, List<String> args) {
        List<String> command = new ArrayList<>(args);
        command.addAll(List.of("--config", config.toString()));
        ChildProcess process = UnstuckProcess.unstuck(Map.of("UNSTUCK_OPERATOR", "crash-test"), command);
        processes.add(process);
        return process;
    }
}
