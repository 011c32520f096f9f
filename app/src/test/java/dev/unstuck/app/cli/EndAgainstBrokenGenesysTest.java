package dev.unstuck.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.client.SandboxClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `end` and `inspect` when what answers is not a healthy Genesys: a 404 means "not found" only when
 * Genesys says so about the conversation; a wrong login URL, rejected credentials or HTML stop the
 * command once, with the documented exit code.
 */
class EndAgainstBrokenGenesysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN = "0b7f3a52-9c1e-4d2a-8f60-1a2b3c4d5e6f";

    @RegisterExtension
    static final SandboxOrg org = new SandboxOrg(CliAgainstSandboxTest.SCENARIO);

    @TempDir
    Path home;

    @AfterEach
    void clearFaults() {
        org.control().clearFaults();
        org.control().clearRequests();
    }

    private CliRun operator() {
        return org.as(home, "operator", "operator-secret-1");
    }

    private List<String> outcomeSummaries(String conversationId) throws Exception {
        CliRun.Result audit = operator().run("audit", "--conversation", conversationId, "--json");
        List<String> summaries = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(audit.out())) {
            if (entry.path("kind").asText().equals("outcome")) {
                summaries.add(entry.path("summary").asText());
            }
        }
        return summaries;
    }

    private long tokenRequests() {
        return org.control().requests().stream().map(SandboxClient.LoggedRequest::path).filter("/oauth/token"::equals).count();
    }

    @Test
    void aConversationGenesysDoesNotKnowIsNotFoundWithItsOwnExitCodeNotAlreadyEnded() throws Exception {
        CliRun.Result result = operator().run("end", UNKNOWN);

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(result.out()).contains("NOT FOUND", UNKNOWN);
        assertThat(outcomeSummaries(UNKNOWN)).singleElement().asString().startsWith("not found");
    }

    @Test
    void inspectOfAConversationGenesysDoesNotKnowExitsAsEndDoes() {
        CliRun.Result result = operator().run("inspect", UNKNOWN);

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.NOT_FOUND.code());
    }

    @Test
    void aLoginServiceAnswering404IsAWrongRegionAndNothingIsCalledAlreadyEnded() throws Exception {
        org.control().faults("{\"status\": 404, \"errorRate\": 1, \"pathPattern\": \"^/oauth/token$\"}");
        String id = org.id("waiting-1");

        CliRun.Result result = operator().run("end", id, org.id("live-1"));

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(result.out()).contains("not a Genesys Cloud login service", "check the region");
        assertThat(result.out()).doesNotContain("already ended");
        assertThat(outcomeSummaries(id)).noneMatch(s -> s.startsWith("already ended"));
        assertThat(org.ended("waiting-1")).isFalse();
    }

    @Test
    void rejectedCredentialsStopEndAtTheFirstTokenRequestAndSaySoOnce() throws Exception {
        org.control().clearRequests();

        CliRun.Result result = org.as(home, "operator", "wrong-secret-xyz").run("end", org.id("waiting-1"), org.id("live-1"), org.id("acw-1"));

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(tokenRequests()).isEqualTo(1);
        assertThat(result.out().split("rejected OAuth client", -1)).as("said once").hasSize(2);
        assertThat(result.all()).doesNotContain("wrong-secret-xyz");
    }

    @Test
    void anHtmlPageInsteadOfGenesysExitsAsUnreachableNotAsAFailure() throws Exception {
        org.control().faults("{\"kind\": \"html\", \"status\": 200, \"errorRate\": 1, \"pathPattern\": \"/conversations/messages/\"}");

        CliRun.Result result = operator().run("end", org.id("waiting-1"), org.id("live-1"));

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(result.out()).contains("not a Genesys Cloud answer");
    }

    @Test
    void truncatedJsonFromInspectIsOneLineAndExitsAsUnreachable() throws Exception {
        org.control().faults("{\"kind\": \"truncatedJson\", \"errorRate\": 1, \"pathPattern\": \"/conversations/messages/\"}");

        CliRun.Result result = operator().run("inspect", org.id("waiting-1"));

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(result.err()).contains("ends too early").doesNotContain("Exception");
    }
}
