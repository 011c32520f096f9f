package dev.unstuck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `unstuck audit` as a user reads it after `end`: columns, filters, dry runs apart, JSON arrays. */
class AuditCommandTest {
    @RegisterExtension
    static final SandboxOrg org = new SandboxOrg(SweepCommandTest.SCENARIO);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private CliRun operator() {
        return org.as(home, "operator", "operator-secret-1");
    }

    @Test
    void showsEachActsIntentAndCompletionWithCorrelationIdsAsAnArrayAndLeavesDryRunsOutByDefault() throws Exception {
        String id = org.id("waiting-long");
        assertThat(operator().run("end", org.id("billing-long"), "--dry-run").exitCode()).isZero();
        assertThat(operator().run("end", id, "--reason", "INC-5").exitCode()).isZero();

        JsonNode rows = JSON.readTree(operator().run("audit", "--json").out());

        assertThat(rows).allSatisfy(r -> assertThat(r.path("dryRun").asBoolean()).isFalse());
        assertThat(rows).extracting(r -> r.path("kind").asText()).containsExactly("plan", "intent", "step", "intent", "step", "outcome");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.path("correlationIds").isArray()).isTrue();
            assertThat(r.path("conversationId").asText()).isEqualTo(id);
            assertThat(r.path("queue").asText()).isEqualTo("Support");
            assertThat(r.path("requestedBy").asText()).isEqualTo("test-operator");
            assertThat(r.path("reason").asText()).isEqualTo("INC-5");
        });
        List<JsonNode> steps = new ArrayList<>();
        rows.forEach(r -> {
            if (r.path("kind").asText().equals("step")) {
                steps.add(r);
            }
        });
        assertThat(steps).allSatisfy(s -> {
            assertThat(s.path("status").asInt()).isEqualTo(202);
            assertThat(s.path("outcome").asText()).isEqualTo("accepted");
            assertThat(s.path("correlationIds")).hasSize(1);
        });
        assertThat(rows.get(rows.size() - 1).path("outcome").asText()).isEqualTo("ended");

        JsonNode withDryRuns = JSON.readTree(operator().run("audit", "--json", "--include-dry-runs").out());
        assertThat(withDryRuns).filteredOn(r -> r.path("dryRun").asBoolean()).extracting(r -> r.path("outcome").asText())
                .contains("planned");
    }

    @Test
    void keepsOneRunAndOneOutcome() throws Exception {
        assertThat(operator().run("end", org.id("waiting-long"), org.id("live-1")).exitCode()).isEqualTo(ExitCode.SKIPPED.code());
        JsonNode all = JSON.readTree(operator().run("audit", "--json").out());
        String run = all.get(0).path("runId").asText();

        JsonNode skipped = JSON.readTree(operator().run("audit", "--json", "--run", run, "--outcome", "skipped").out());
        JsonNode otherRun = JSON.readTree(operator().run("audit", "--json", "--run", "no-such-run").out());

        assertThat(skipped).singleElement().satisfies(r -> assertThat(r.path("conversationId").asText()).isEqualTo(org.id("live-1")));
        assertThat(otherRun).isEmpty();
    }

    @Test
    void keepsOneKindOfRowAndRefusesAKindTheAuditHasNot() throws Exception {
        assertThat(operator().run("end", org.id("waiting-long")).exitCode()).isZero();

        JsonNode outcomes = JSON.readTree(operator().run("audit", "--json", "--kind", "outcome").out());
        CliRun.Result unknown = operator().run("audit", "--kind", "ending");

        assertThat(outcomes).singleElement().satisfies(r -> assertThat(r.path("outcome").asText()).isEqualTo("ended"));
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(unknown.err().strip()).doesNotContain("\n").contains("--kind 'ending'").contains("outcome", "intent");
    }

    @Test
    void anUnknownOutcomeWordIsOneLineAndExit2() {
        CliRun.Result result = operator().run("audit", "--outcome", "finished");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err().strip()).doesNotContain("\n").contains("--outcome 'finished'").contains("ended", "unknown");
    }

    @Test
    void aSinceThatIsNeitherADurationNorAnInstantIsOneLineAndExit2() {
        CliRun.Result result = operator().run("audit", "--since", "fortnight");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err().strip()).doesNotContain("\n").contains("--since must be a duration", "7d");
    }
}
