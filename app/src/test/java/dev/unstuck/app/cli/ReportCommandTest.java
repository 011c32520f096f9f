package dev.unstuck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.app.Scenarios;
import dev.unstuck.app.text.CsvReading;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import dev.unstuck.sandbox.client.ScenarioBuilder.Queue;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `unstuck report` after a sweep of guests looping between a named in-queue flow and its queue, and
 * guests stuck in another queue: the report names the flow and queue (ids and names) with the guests
 * and their passes, the overdue guests by the hour their wait began, and the endings per hour.
 */
class ReportCommandTest {
    static final String FLOW_ID = "7a1c0e52-3f4b-4d21-9a55-0c1d2e3f4a5b";
    static final String SUPPORT_ID = "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9";
    static final String BILLING_ID = "2c3d4e5f-6071-4829-93a4-b5c6d7e8f901";
    static final ScenarioBuilder SCENARIO = Scenarios.operatorOrg(21, "operator", "operator-secret-1",
                    "authorization:role:view", "oauth:client:view")
            .flow("Support in-queue flow", FLOW_ID)
            .queue(Queue.named("Support").id(SUPPORT_ID).inQueueFlow("Support in-queue flow")).queue(Queue.named("Billing").id(BILLING_ID))
            .agents("Ana Agent")
            .guests(Guest.looping("loop-1").queue("Support").ageSeconds(1500).passes(4),
                    Guest.looping("loop-2").queue("Support").ageSeconds(1800).passes(5),
                    Guest.waiting("billing-1").queue("Billing").ageSeconds(7200),
                    Guest.waiting("billing-2").queue("Billing").ageSeconds(5400),
                    Guest.waiting("patient").queue("Support").ageSeconds(600));

    @RegisterExtension
    static final SandboxOrg org = new SandboxOrg(SCENARIO);

    @TempDir
    Path home;

    private CliRun operator() {
        return org.as(home, "operator", "operator-secret-1");
    }

    /** A dry run first (found, nothing changed), then the sweep that ends them: each guest counts once. */
    private void sweepTwice() {
        CliRun.Result dry = operator().run("sweep", "--dry-run");
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        CliRun.Result real = operator().run("sweep", "--reason", "INC-9");
        assertThat(real.exitCode()).as(real.all()).isZero();
        assertThat(org.ended("loop-1") && org.ended("loop-2") && org.ended("billing-1") && org.ended("billing-2")).isTrue();
        assertThat(org.ended("patient")).isFalse();
    }

    /** The UTC hours of day the Billing guests began to wait: their queue leg began after the inbound flow's 5 s. */
    private Map<Integer, Long> billingWaitHours(Instant sandboxNow) {
        Map<Integer, Long> hours = new TreeMap<>();
        for (long age : List.of(7200L, 5400L)) {
            hours.merge((int) (sandboxNow.minusSeconds(age).plusSeconds(5).toEpochMilli() / 3_600_000L % 24), 1L, Long::sum);
        }
        return hours;
    }

    @Test
    void theJsonReportNamesTheFlowAndQueueTheLoopersBouncedBetweenAndTheOverdueHours() throws Exception {
        Instant sandboxNow = org.control().now();
        sweepTwice();

        CliRun.Result result = operator().run("report", "--since", "1h", "--json");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(Schemas.violations("report", result.out())).as(result.out()).isEmpty();
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.path("org").asText()).isEqualTo("default");
        assertThat(report.path("loops")).hasSize(1);
        JsonNode loop = report.path("loops").path(0);
        assertThat(loop.path("flowId").asText()).isEqualTo(FLOW_ID);
        assertThat(loop.path("flowName").asText()).isEqualTo("Support in-queue flow");
        assertThat(loop.path("queueId").asText()).isEqualTo(SUPPORT_ID);
        assertThat(loop.path("queueName").asText()).isEqualTo("Support");
        assertThat(loop.path("guests").asLong()).isEqualTo(2);
        assertThat(loop.path("bounces").asLong()).isEqualTo(4 + 5);

        Map<Integer, Long> overdue = new TreeMap<>();
        for (JsonNode o : report.path("overdue")) {
            assertThat(o.path("queueId").asText()).isEqualTo(BILLING_ID);
            assertThat(o.path("queueName").asText()).isEqualTo("Billing");
            overdue.put(o.path("hourOfDay").asInt(), o.path("guests").asLong());
        }
        assertThat(overdue).isEqualTo(billingWaitHours(sandboxNow));

        Map<String, Long> endingsByReason = new TreeMap<>();
        for (JsonNode e : report.path("endingsByHour")) {
            assertThat(Instant.parse(e.path("hour").asText()).toEpochMilli() % 3_600_000L).isZero();
            endingsByReason.merge(e.path("reason").asText(), e.path("count").asLong(), Long::sum);
        }
        assertThat(endingsByReason).containsExactlyEntriesOf(new TreeMap<>(Map.of("looping", 2L, "stuck", 2L)));
    }

    @Test
    void anOrgNeitherTheConfigNorTheAuditKnowsIsRefusedInsteadOfReportedEmpty() throws Exception {
        Path config = home.resolve("config.yaml");
        java.nio.file.Files.writeString(config, "orgs:\n  eu:\n    region: eu_central_1\n    clientId: abc\n");

        CliRun.Result unknown = operator().run("report", "-p", "UNKNOWN", "--config", config.toString(), "--json");
        CliRun.Result configured = operator().run("report", "-p", "eu", "--config", config.toString(), "--json");

        assertThat(unknown.exitCode()).as(unknown.all()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).startsWith("unstuck: no org 'UNKNOWN' in " + config).contains("known orgs: eu").hasLineCount(1);
        assertThat(configured.exitCode()).as(configured.all()).isZero();
        assertThat(new ObjectMapper().readTree(configured.out()).path("org").asText()).isEqualTo("eu");
    }

    @Test
    void anOrgOnlyTheAuditKnowsIsStillReported() throws Exception {
        sweepTwice();

        CliRun.Result result = operator().run("report", "-p", "default", "--since", "1h", "--json");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(new ObjectMapper().readTree(result.out()).path("loops")).hasSize(1);
    }

    @Test
    void theCsvReportHasAHeaderAndOneRowPerLineOfEachSection() throws Exception {
        Instant sandboxNow = org.control().now();
        sweepTwice();

        CliRun.Result result = operator().run("report", "--since", "1h", "-o", "csv");

        assertThat(result.exitCode()).as(result.all()).isZero();
        List<List<String>> rows = CsvReading.parse(result.out());
        assertThat(rows.get(0)).containsExactly(ReportCommand.CSV_HEADER);
        List<Map<String, String>> records = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            Map<String, String> record = new TreeMap<>();
            for (int i = 0; i < ReportCommand.CSV_HEADER.length; i++) {
                record.put(ReportCommand.CSV_HEADER[i], row.get(i));
            }
            records.add(record);
        }
        assertThat(records.stream().filter(r -> r.get("section").equals("loops"))).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("flowId", FLOW_ID).containsEntry("flowName", "Support in-queue flow")
                    .containsEntry("queueId", SUPPORT_ID).containsEntry("queueName", "Support")
                    .containsEntry("guests", "2").containsEntry("bounces", "9");
        });
        Map<Integer, Long> overdue = new TreeMap<>();
        records.stream().filter(r -> r.get("section").equals("overdue"))
                .forEach(r -> overdue.put(Integer.parseInt(r.get("hourOfDay")), Long.parseLong(r.get("guests"))));
        assertThat(overdue).isEqualTo(billingWaitHours(sandboxNow));
        assertThat(records.stream().filter(r -> r.get("section").equals("endingsByHour"))
                .mapToLong(r -> Long.parseLong(r.get("count"))).sum()).isEqualTo(4);
    }

    @Test
    void theTableReportShowsEachSectionWithTheFlowToFix() {
        sweepTwice();

        CliRun.Result result = operator().run("report", "--since", "1h");

        assertThat(result.exitCode()).as(result.all()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Loops:"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Overdue:"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Endings by hour"));
        assertThat(lines).filteredOn(l -> l.contains(FLOW_ID)).singleElement().satisfies(l -> assertThat(l.split("\\s{2,}"))
                .containsExactly("Support in-queue flow", FLOW_ID, "Support", SUPPORT_ID, "2", "9"));
    }

    @Test
    void aBadWindowIsOneClearLineAndAnEmptyAuditReportsNothing() {
        CliRun.Result bad = operator().run("report", "--since", "fortnight");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(bad.err().strip().lines()).hasSize(1);
        assertThat(bad.err()).contains("--since").doesNotContain("Exception");

        CliRun.Result empty = operator().run("report", "--since", "1h", "--json");
        assertThat(empty.exitCode()).as(empty.all()).isZero();
        assertThat(StreamSupport.stream(readTree(empty.out()).path("loops").spliterator(), false)).isEmpty();
    }

    private static JsonNode readTree(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }
}
