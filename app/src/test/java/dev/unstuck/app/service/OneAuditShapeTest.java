package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.unstuck.app.cli.AppContext;
import dev.unstuck.app.cli.Cli;
import dev.unstuck.app.text.CsvReading;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit has one shape: {@code unstuck audit -o json|csv}, {@code GET /api/v1/audit} and its CSV
 * export, read over the same audit database, give the same records with the same fields, valid against
 * the one schema (docs/schemas/audit.schema.json) that the OpenAPI document copies.
 */
class OneAuditShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCHEMA = Path.of("..", "docs", "schemas", "audit.schema.json").toAbsolutePath().normalize();

    @RegisterExtension
    static final ServiceFixture fx = ServiceFixture.service();

    @TempDir
    Path cliHome;

    @BeforeEach
    void endOneAndPlanAnother() {
        String end = "/api/v1/orgs/acme/conversations/%s/end";
        assertThat(fx.post(end.formatted(fx.guest("live").id()), fx.operator, "{\"reason\":\"INC-1, \\\"look\\\"\",\"dryRun\":true}")
                .status()).isEqualTo(200);
        assertThat(fx.post(end.formatted(fx.guest("waiting").id()), fx.operator, "{\"reason\":\"INC-1\"}").status()).isEqualTo(200);
    }

    @Test
    void theCliTheApiAndTheCsvExportGiveTheSameRecordsWithTheSchemasFields() throws Exception {
        JsonNode schema = JSON.readTree(Files.readString(SCHEMA));
        List<String> fields = new ArrayList<>();
        schema.path("items").path("required").forEach(f -> fields.add(f.asText()));
        assertThat(names(schema.path("items").path("properties"))).as("every field is required").containsExactlyElementsOf(fields);

        String cliJson = cli("audit", "-o", "json", "--include-dry-runs", "--audit-db", fx.home.resolve("audit.db").toString());
        JsonNode fromCli = JSON.readTree(cliJson);
        JsonNode fromApi = fx.get("/api/v1/audit?limit=1000", fx.viewer).json().path("records");
        List<List<String>> apiCsv = CsvReading.parse(fx.getRaw("/api/v1/audit?format=csv", fx.viewer, Map.of()).body());
        List<List<String>> cliCsv = CsvReading.parse(cli("audit", "-o", "csv", "--include-dry-runs", "--audit-db",
                fx.home.resolve("audit.db").toString()));

        assertThat(valid(cliJson)).as("the CLI's JSON").isEmpty();
        assertThat(valid(fromApi.toString())).as("the API's records").isEmpty();
        assertThat(fromApi.size()).as("an ending and a dry run wrote plans, acts and outcomes").isGreaterThan(4);
        assertThat(fromCli).allSatisfy(r -> assertThat(names(r)).containsExactlyElementsOf(fields));
        assertThat(fromApi).allSatisfy(r -> assertThat(names(r)).containsExactlyElementsOf(fields));
        assertThat(apiCsv.get(0)).as("the export's header").containsExactlyElementsOf(fields);
        assertThat(cliCsv.get(0)).as("audit -o csv's header").containsExactlyElementsOf(fields);

        List<JsonNode> newestFirst = new ArrayList<>();
        fromCli.forEach(r -> newestFirst.add(0, r));
        assertThat(newestFirst).as("the CLI prints oldest first what the API pages newest first").containsExactlyElementsOf(fromApi);
        List<List<String>> cells = new ArrayList<>();
        fromApi.forEach(r -> cells.add(fields.stream().map(f -> cell(r.path(f))).toList()));
        assertThat(apiCsv.subList(1, apiCsv.size())).as("the export's rows are the records").containsExactlyElementsOf(cells);
        Collections.reverse(cells);
        assertThat(cliCsv.subList(1, cliCsv.size())).as("audit -o csv's rows are the records, oldest first").containsExactlyElementsOf(cells);
    }

    /** How a CSV writes a JSON value: null as nothing, an array's strings space-separated. */
    private static String cell(JsonNode value) {
        if (value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(v.asText()));
            return String.join(" ", parts);
        }
        return value.asText();
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<String> valid(String array) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        try {
            return registry.getSchema(Files.readString(SCHEMA)).validate(array, InputFormat.JSON).stream()
                    .map(Object::toString).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs the CLI in-process, as a user would on the service's host, and answers what it printed. */
    private String cli(String... args) {
        AppContext context = new AppContext(Map.of("UNSTUCK_OPERATOR", "test-operator"), cliHome, Clock.systemUTC(),
                new ByteArrayInputStream(new byte[0]), false);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Cli.create(context);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute(args)).as(err.toString()).isZero();
        return out.toString();
    }
}
