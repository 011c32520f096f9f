package dev.unstuck.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Client;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import dev.unstuck.sandbox.client.ScenarioBuilder.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** doctor and sweep for a client whose role is granted in one division of three. */
class DivisionsCliTest {
    // Access judged by any one division of a conversation: by the default (all of them) the EMEA client could see no guest,
    // since every one passed the inbound message flow of the Home division.
    static final ScenarioBuilder SCENARIO = ScenarioBuilder.seed(9).setting("divisionAccess", "any")
            .divisions("Home", "EMEA", "APAC")
            .role("operator", "conversation:*:*", "analytics:*:*", "routing:queue:view", "routing:queue:search", "authorization:role:view",
                    "oauth:client:view")
            .client(Client.of("emea", "emea-secret-1").name("EMEA ops").role("operator", "EMEA"))
            .queues("Support").queue(Queue.named("Support EMEA").division("EMEA")).queue(Queue.named("Support APAC").division("APAC"))
            .guests(Guest.waiting("home").queue("Support").ageSeconds(10800).count(2),
                    Guest.waiting("emea").queue("Support EMEA").ageSeconds(10800).count(2),
                    Guest.waiting("apac").queue("Support APAC").ageSeconds(10800).count(2));

    @RegisterExtension
    static final SandboxOrg org = new SandboxOrg(SCENARIO);

    @TempDir
    Path home;

    private CliRun emea() {
        return org.as(home, "emea", "emea-secret-1");
    }

    private static JsonNode json(CliRun.Result result) throws Exception {
        return new ObjectMapper().readTree(result.out());
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    @Test
    void doctorNamesTheOneDivisionTheClientActsInAndTheQueuesItCannotSee() throws Exception {
        CliRun.Result result = emea().run("doctor", "--json");

        assertThat(result.exitCode()).as(result.all()).isZero();
        JsonNode report = json(result);
        List<String> actsIn = new ArrayList<>();
        report.path("divisions").forEach(d -> {
            if (d.path("canAct").asBoolean()) {
                actsIn.add(d.path("name").asText());
            }
        });
        assertThat(actsIn).containsExactly("EMEA");
        assertThat(values(report.path("queues").path("hidden"), "name")).containsExactly("Support", "Support APAC");
    }

    @Test
    void doctorSaysSoInWords() {
        CliRun.Result result = emea().run("doctor");

        assertThat(result.out()).contains("divisions: acts in EMEA; no role in Home (home), APAC",
                "WARNING 2 in divisions it cannot see: Support, Support APAC");
    }

    @Test
    void aSweepEndsOnlyItsDivisionsGuestsAndSaysHowManyQueuesItCouldNotSee() throws Exception {
        CliRun.Result result = emea().run("sweep", "--json");

        assertThat(result.exitCode()).as(result.all()).isZero();
        JsonNode report = json(result);
        assertThat(report.path("ended").asInt()).isEqualTo(2);
        assertThat(report.path("queuesNotVisible").asInt()).isEqualTo(2);
        assertThat(org.ended("emea#1")).isTrue();
        assertThat(org.ended("emea#2")).isTrue();
        assertThat(org.ended("home#1")).isFalse();
        assertThat(org.ended("apac#1")).isFalse();
    }
}
