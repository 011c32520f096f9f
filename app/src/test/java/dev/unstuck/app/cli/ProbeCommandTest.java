package dev.unstuck.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** unstuck probe against a sandbox posing as the real org: the same shapes, and a changed shape caught. */
class ProbeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES = Set.of("string", "string(date-time)", "string(uuid)", "integer", "number",
            "boolean", "null", "map");

    @RegisterExtension
    static final SandboxOrg org = new SandboxOrg(ProbeCommand.scenario());

    @TempDir
    Path home;

    private CliRun probe() {
        return org.as(home, "probe", "probe-secret");
    }

    private static void leaves(JsonNode shape, List<String> out) {
        if (shape.isObject() || shape.isArray()) {
            shape.forEach(child -> leaves(child, out));
        } else {
            out.add(shape.asText());
        }
    }

    private JsonNode recorded() throws Exception {
        Path file = home.resolve("probe.json");
        CliRun.Result result = probe().run("probe", "--out", file.toString(), "--json");
        assertThat(result.exitCode()).as(result.all()).isZero();
        return JSON.readTree(Files.readString(file));
    }

    @Test
    void probingTheSandboxItselfFindsNoDifferences() throws Exception {
        Path file = home.resolve("probe.json");

        CliRun.Result result = probe().run("probe", "--out", file.toString(), "--json");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(JSON.readTree(result.out()).path("same").asBoolean()).isTrue();
        JsonNode calls = JSON.readTree(Files.readString(file)).path("calls");
        List<String> names = new ArrayList<>();
        calls.forEach(c -> names.add(c.path("name").asText()));
        assertThat(names).containsExactly("tokens.me", "oauth.client", "authorization.role",
                "authorization.divisions", "routing.queues", "routing.queues.all", "analytics.details", "conversation.messages",
                "analytics.observation", "notifications.channel", "notifications.subscription", "users.me");
        assertThat(calls.get(calls.size() - 1).path("status").asInt()).isEqualTo(400);
    }

    @Test
    void theFileHoldsFieldNamesAndTypesButNoValues() throws Exception {
        List<String> leaves = new ArrayList<>();
        recorded().path("calls").forEach(c -> leaves(c.path("shape"), leaves));

        assertThat(leaves).isNotEmpty().allSatisfy(leaf -> assertThat(Set.of(leaf.split("\\|"))).isSubsetOf(TYPES));
    }

    @Test
    void aChangedShapeIsReportedAgainstTheSandbox() throws Exception {
        JsonNode file = recorded();
        for (JsonNode call : file.path("calls")) {
            if (call.path("name").asText().equals("tokens.me")) {
                ((ObjectNode) call.path("shape").path("OAuthClient")).remove("roleDivisions");
            }
            if (call.path("name").asText().equals("analytics.details")) {
                ((ObjectNode) call.path("shape")).put("totalHits", "string");
            }
            if (call.path("name").asText().equals("users.me")) {
                ((ObjectNode) call).put("status", 200);
            }
        }
        Path changed = home.resolve("changed.json");
        Files.writeString(changed, file.toString());

        CliRun.Result result = probe().run("probe", "--compare", changed.toString(), "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED.code());
        JsonNode differences = JSON.readTree(result.out()).path("differences");
        assertThat(differences.findValuesAsText("name")).containsExactly("tokens.me", "analytics.details", "users.me");
        assertThat(differences.get(0).path("differences").get(0).asText()).isEqualTo("OAuthClient.roleDivisions: only in the sandbox (array)");
        assertThat(differences.get(1).path("differences").get(0).asText()).isEqualTo("totalHits: the real org string vs the sandbox integer");
        assertThat(differences.get(2).path("differences").get(0).asText()).isEqualTo("status: real org 200 vs sandbox 400");
    }

    @Test
    void theFileAndTheOutputCarryWhatSettlesTheUnconfirmedRowsWithoutValues() throws Exception {
        Path file = home.resolve("probe.json");

        CliRun.Result result = probe().run("probe", "--out", file.toString(), "--too-many-query", "--json");
        CliRun.Result text = probe().run("probe", "--compare", file.toString());

        assertThat(result.exitCode()).as(result.all()).isZero();
        JsonNode settles = JSON.readTree(Files.readString(file)).path("settles");
        assertThat(settles.path("jobsAvailability").path("behindSeconds").isIntegralNumber()).isTrue();
        assertThat(settles.path("ingest").has("newestBehindSeconds")).isTrue();
        assertThat(settles.path("tooMany").path("asked").asBoolean()).isTrue();
        assertThat(settles.path("rateLimits")).isNotEmpty();
        assertThat(JSON.readTree(result.out()).path("settles")).isEqualTo(settles);
        List<String> ids = org.control().conversations().stream().map(g -> g.id()).toList();
        assertThat(ids).isNotEmpty().noneMatch(Files.readString(file)::contains);
        assertThat(text.out()).contains("What settles UNCONFIRMED rows", "details jobs' data availability date:", "rate-limit headers of");
    }

    @Test
    void theTooManyQueryNeedsAnOrg() throws Exception {
        Path file = home.resolve("probe.json");
        probe().run("probe", "--out", file.toString());

        CliRun.Result result = probe().run("probe", "--compare", file.toString(), "--too-many-query");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("--too-many-query").doesNotContain("Exception");
    }

    @Test
    void aFileThatIsNotAProbeIsOneLine() throws Exception {
        Path notProbe = home.resolve("x.json");
        Files.writeString(notProbe, "{\"hello\": 1}");

        CliRun.Result result = probe().run("probe", "--compare", notProbe.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("not a probe file").doesNotContain("Exception");
    }
}
