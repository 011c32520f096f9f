package dev.unstuck.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What scripts and people read: each command's JSON against its schema in docs/schemas, YAML and CSV
 * of the same results, and tables that fit the terminal.
 */
class OutputFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOBODY = "00000000-0000-4000-8000-000000000000";

    @RegisterExtension
    static final SandboxOrg org = new SandboxOrg(SweepCommandTest.SCENARIO);

    @RegisterExtension
    static final SandboxOrg probed = new SandboxOrg(ProbeCommand.scenario());

    @TempDir
    Path home;

    private CliRun operator() {
        return org.as(home, "operator", "operator-secret-1");
    }

    /** The command's standard output, checked against docs/schemas/NAME.schema.json; every violation listed. */
    private static JsonNode valid(String name, CliRun.Result result) throws Exception {
        assertThat(result.err()).as(name).doesNotContain("internal error");
        assertThat(Schemas.violations(name, result.out())).as(name + " output:\n" + result.out()).isEmpty();
        return JSON.readTree(result.out());
    }

    @Test
    void everyCommandsJsonValidatesAgainstItsSchema() throws Exception {
        valid("doctor", operator().run("doctor", "-o", "json"));
        JsonNode inspected = valid("inspect", operator().run("inspect", org.id("waiting-long"), org.id("live-1"), NOBODY, "-o", "json"));
        assertThat(inspected).hasSize(3);
        assertThat(inspected.get(2).path("found").asBoolean()).isFalse();

        JsonNode plan = valid("sweep", operator().run("sweep", "--dry-run", "-o", "json"));
        assertThat(plan.path("dryRun").asBoolean()).isTrue();
        JsonNode step = plan.path("conversations").get(0).path("steps").get(0);
        assertThat(step.path("method").asText()).isEqualTo("PATCH");
        assertThat(step.path("body").path("state").asText()).isEqualTo("disconnected");

        JsonNode skipped = valid("end", operator().run("end", org.id("live-1"), "--json"));
        assertThat(skipped.get(0).path("skipReason").asText()).isEqualTo("LIVE_AGENT");
        JsonNode swept = valid("sweep", operator().run("sweep", "-o", "json"));
        assertThat(swept.path("ended").asInt()).isEqualTo(4);
        JsonNode ended = swept.path("conversations").get(0);
        assertThat(ended.path("steps")).allSatisfy(s -> assertThat(s.path("status").asInt()).isBetween(200, 299));
        assertThat(ended.path("correlationIds").isArray()).isTrue();
        valid("end", operator().run("end", org.id("waiting-long"), "-o", "json"));

        JsonNode audit = valid("audit", operator().run("audit", "--include-dry-runs", "-o", "json"));
        assertThat(audit).allSatisfy(e -> assertThat(e.path("correlationIds").isArray()).isTrue());
        assertThat(audit).anySatisfy(e -> assertThat(e.path("dryRun").asBoolean()).isTrue());

        JsonNode report = valid("report", operator().run("report", "--since", "1h", "-o", "json"));
        assertThat(report.path("endingsByHour")).isNotEmpty();

        assertThat(operator().run("token", "create", "--name", "billing-backend", "--role", "operator").exitCode()).isZero();
        JsonNode tokens = valid("token-list", operator().run("token", "list", "-o", "json"));
        assertThat(tokens.get(0).path("name").asText()).isEqualTo("billing-backend");

        valid("probe", probed.as(home, "probe", "probe-secret").run("probe", "--out", home.resolve("p.json").toString(), "-o", "json"));
    }

    @Test
    void theAuditAsCsvOpensWithAHeaderAndOneRowPerEntry() throws Exception {
        operator().run("sweep", "--reason", "INC-9");
        JsonNode json = JSON.readTree(operator().run("audit", "-o", "json").out());

        CliRun.Result csv = operator().run("audit", "-o", "csv");

        assertThat(csv.exitCode()).as(csv.all()).isZero();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.out())) {
            it.forEachRemaining(rows::add);
        }
        assertThat(rows).hasSize(json.size()).isNotEmpty();
        assertThat(rows.get(0).keySet()).contains("occurredAt", "conversationId", "outcome", "requestedBy", "reason", "correlationIds");
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).get("conversationId")).isEqualTo(json.get(i).path("conversationId").asText());
            assertThat(rows.get(i).get("requestedBy")).isEqualTo("test-operator");
            List<String> ids = new ArrayList<>();
            json.get(i).path("correlationIds").forEach(id -> ids.add(id.asText()));
            assertThat(rows.get(i).get("correlationIds")).isEqualTo(String.join(" ", ids));
        }
        assertThat(rows).anySatisfy(r -> assertThat(r.get("reason")).startsWith("INC-9"));
    }

    @Test
    void yamlHoldsTheSameDocumentAsJson() throws Exception {
        operator().run("sweep", "--reason", "INC-9");

        JsonNode yaml = new YAMLMapper().readTree(operator().run("audit", "-o", "yaml").out());

        assertThat(yaml).isEqualTo(JSON.readTree(operator().run("audit", "-o", "json").out()));
    }

    @Test
    void theAuditTableFitsEightyColumnsAndShowsWhoAndWhy() {
        operator().run("sweep", "--reason", "INC-9 guests stuck since the flow change in Support");

        CliRun.Result table = operator().env("COLUMNS", "80").run("audit");
        CliRun.Result wide = operator().env("COLUMNS", "80").run("audit", "-o", "wide");

        assertThat(table.exitCode()).as(table.all()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
        assertThat(lines.get(0)).contains("by", "reason");
        assertThat(table.out()).contains("\u2026").contains("test-operator");
        String someId = org.id("waiting-long");
        assertThat(wide.out()).contains(someId, "INC-9 guests stuck since the flow change in Support").doesNotContain("\u2026");
        assertThat(wide.out().lines().mapToInt(String::length).max().orElse(0)).isGreaterThan(80);
    }

    @Test
    void jsonAndAnotherFormatTogetherAreAUsageError() {
        CliRun.Result result = operator().run("audit", "--json", "-o", "csv");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("--json is -o json");
    }
}
