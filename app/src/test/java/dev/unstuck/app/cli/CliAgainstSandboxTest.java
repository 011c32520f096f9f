package dev.unstuck.app.cli;

import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Client;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI as users run it, against the sandbox over HTTP. */
class CliAgainstSandboxTest {
    static final ScenarioBuilder SCENARIO = ScenarioBuilder.seed(7)
            .role("operator", "conversation:*:*", "analytics:*:*", "routing:queue:view", "authorization:role:view", "oauth:client:view")
            .role("viewer", "conversation:communication:view", "routing:queue:view", "authorization:role:view", "oauth:client:view")
            .client(Client.of("operator", "operator-secret-1").name("ops").roles("operator"))
            .client(Client.of("viewer", "viewer-secret-2").name("read only").roles("viewer"))
            .queues("Support").agents("Ana Agent")
            .guests(Guest.waiting("waiting-1").queue("Support").ageSeconds(5400),
                    Guest.liveAgent("live-1").queue("Support").agent("Ana Agent").ageSeconds(900),
                    Guest.acw("acw-1").queue("Support").agent("Ana Agent").ageSeconds(2000));

    @RegisterExtension
    static final SandboxOrg org = new SandboxOrg(SCENARIO);

    @TempDir
    Path home;

    private CliRun as(String clientId, String secret) {
        return org.as(home, clientId, secret);
    }

    private CliRun operator() {
        return as("operator", "operator-secret-1");
    }

    private String id(String label) {
        return org.id(label);
    }

    private boolean ended(String label) {
        return org.ended(label);
    }

    @Test
    void doctorPassesForAClientWithEveryPermission() {
        CliRun.Result result = operator().run("doctor");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(0);
        assertThat(result.out()).contains("operator", "Everything unstuck needs is granted");
    }

    @Test
    void doctorNamesTheMissingDisconnectPermissionAndTheFix() {
        CliRun.Result result = as("viewer", "viewer-secret-2").run("doctor");
        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED.code());
        assertThat(result.out()).contains("MISSING conversation:communication:disconnect", "To fix", "viewer");
    }

    @Test
    void endingAWaitingGuestFreesItsQueueEntryAtOnceAndIsAudited() {
        String id = id("waiting-1");
        CliRun.Result result = operator().run("end", id, "--reason", "INC-1");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(0);
        assertThat(result.out()).contains("ended", id);
        assertThat(ended("waiting-1")).isTrue();
        assertThat(org.control().queueStats()).allSatisfy(q -> {
            assertThat(q.waiting()).isZero();
            assertThat(q.lingering()).isZero();
        });
        CliRun.Result audit = operator().run("audit", "--conversation", id);
        assertThat(audit.out()).contains("outcome", "test-operator");
    }

    @Test
    void aClientWithoutDisconnectIsToldWhichPermissionIsMissing() {
        CliRun.Result result = as("viewer", "viewer-secret-2").run("end", id("waiting-1"));
        assertThat(result.exitCode()).isEqualTo(ExitCode.PERMISSION.code());
        assertThat(result.out()).contains("conversation:communication:disconnect");
        assertThat(ended("waiting-1")).isFalse();
    }

    @Test
    void aLiveAgentConversationIsLeftAloneUnlessForced() {
        String id = id("live-1");
        CliRun.Result skipped = operator().run("end", id);
        assertThat(skipped.exitCode()).isEqualTo(ExitCode.SKIPPED.code());
        assertThat(skipped.out()).contains("skipped");
        assertThat(ended("live-1")).isFalse();

        CliRun.Result forced = operator().run("end", id, "--force");
        assertThat(forced.exitCode()).as(forced.all()).isEqualTo(0);
        assertThat(ended("live-1")).isTrue();
    }

    @Test
    void aDryRunPrintsTheExactCallsAndChangesNothing() {
        String id = id("waiting-1");
        CliRun.Result result = operator().run("end", id, "--dry-run");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(0);
        assertThat(result.out()).contains("PATCH /api/v2/conversations/messages/" + id + "/participants/", "\"state\":\"disconnected\"");
        assertThat(ended("waiting-1")).isFalse();
    }

    @Test
    void endingTwiceIsANoOp() {
        String id = id("waiting-1");
        assertThat(operator().run("end", id).exitCode()).isEqualTo(0);
        CliRun.Result again = operator().run("end", id);
        assertThat(again.exitCode()).isEqualTo(0);
        assertThat(again.out()).contains("already ended");
    }

    @Test
    void idsComeFromStandardInput() {
        CliRun.Result result = operator().stdin("# from a report\n" + id("waiting-1") + "\n").run("end", "--from", "-");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(0);
        assertThat(ended("waiting-1")).isTrue();
    }

    @Test
    void aReviewedPlanEndsItsConversationsAndNeverTheOnesItLeavesAlone() throws Exception {
        Path plan = home.resolve("plan.json");
        Files.writeString(plan, """
                {"unstuckPlan": 1, "org": "default", "createdAt": "2024-05-01T10:00:00Z",
                 "conversations": [{"id": "%s", "queue": "Support", "reason": "stuck", "detail": "waiting 90m in Support (maxWait 30m)"}],
                 "left": [{"id": "%s", "queue": "Support", "reason": "live agent"}]}
                """.formatted(id("waiting-1"), id("live-1")));
        CliRun.Result result = operator().run("end", "--from", plan.toString(), "--force");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(0);
        assertThat(ended("waiting-1")).isTrue();
        assertThat(ended("live-1")).as("left alone by the plan, even with --force").isFalse();
    }

    @Test
    void inspectShowsTheLegsAndThePlanAsJson() {
        CliRun.Result result = operator().run("inspect", id("waiting-1"), "--json");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(0);
        assertThat(result.out()).contains("\"purpose\" : \"acd\"", "\"purpose\" : \"customer\"", "\"action\" : \"end\"");
        assertThat(ended("waiting-1")).isFalse();
    }

    @Test
    void anAcwConversationEndsWithoutA409() throws Exception {
        CliRun.Result result = operator().run("end", id("acw-1"), "--json");
        assertThat(result.exitCode()).as(result.all()).isIn(0, ExitCode.SKIPPED.code());
        com.fasterxml.jackson.databind.JsonNode outcomes = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.out());
        assertThat(outcomes).hasSize(1);
        // Statuses as structured fields: a random id or correlation id may well hold the digits 409.
        assertThat(outcomes.get(0).path("steps")).allSatisfy(step -> assertThat(step.path("status").asInt()).isNotEqualTo(409));
        assertThat(outcomes.get(0).path("outcome").asText()).isIn("ended", "skipped: only wrapup pending");
    }

    @Test
    void aWrongSecretIsRejectedWithoutPrintingIt() {
        CliRun.Result result = as("operator", "wrong-secret-xyz").run("doctor");
        assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(result.err()).contains("rejected", "operator");
        assertThat(result.all()).doesNotContain("wrong-secret-xyz", "Exception");
    }
}
