package dev.unstuck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.app.Scenarios;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `unstuck sweep` as a user runs it, against the sandbox. */
class SweepCommandTest {
    static final ScenarioBuilder SCENARIO = Scenarios.operatorOrg(11, "operator", "operator-secret-1",
                    "authorization:role:view", "oauth:client:view")
            .queues("Support", "Billing").agents("Ana Agent")
            .guests(Guest.waiting("waiting-long").queue("Support").ageSeconds(5400),
                    Guest.waiting("billing-long").queue("Billing").ageSeconds(7200),
                    Guest.looping("loop-1").queue("Support").ageSeconds(1500).passes(4),
                    Guest.orphaned("orphan-1").queue("Support").ageSeconds(3600),
                    Guest.liveAgent("live-1").queue("Support").agent("Ana Agent").ageSeconds(4000),
                    Guest.waiting("young").queue("Support").ageSeconds(20).count(5),
                    Guest.waiting("patient").queue("Support").ageSeconds(600));

    @RegisterExtension
    static final SandboxOrg org = new SandboxOrg(SCENARIO);

    @TempDir
    Path home;

    private CliRun operator() {
        return org.as(home, "operator", "operator-secret-1");
    }

    private boolean ended(String label) {
        return org.ended(label);
    }

    private long endedCount() {
        return org.endedCount();
    }

    @Test
    void endsTheStuckLoopingAndOrphanedGuestsAndSaysWhatItCost() {
        CliRun.Result result = operator().run("sweep", "--reason", "INC-9");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(0);
        assertThat(endedCount()).isEqualTo(4);
        assertThat(ended("waiting-long") && ended("billing-long") && ended("loop-1") && ended("orphan-1")).isTrue();
        assertThat(ended("live-1") || ended("patient")).isFalse();
        assertThat(result.out()).contains("queue", "reason", "Support", "stuck", "looping", "orphaned", "Billing")
                .contains("Verified: 4 of 4").containsPattern("API calls: \\d+ \\(\\d\\.\\d\\d per ended conversation")
                .contains("within-policy 1");
        assertThat(org.control().queueStats()).allSatisfy(q -> assertThat(q.lingering()).isZero());
        CliRun.Result audit = operator().run("audit", "--since", "1h", "--json");
        assertThat(audit.out()).contains("INC-9 (stuck: waiting", "INC-9 (looping: entered a queue", "INC-9 (orphaned: customer gone");
    }

    @Test
    void analyticsGhostsCostTheFirstSweepOneLookEachAndTheNextNoneAndAreCountedApartFromEndings() throws Exception {
        org.control().addGuests(Guest.ghost("ghost").queue("Billing").ageSeconds(3600).count(3).json());
        ObjectMapper json = new ObjectMapper();

        CliRun.Result first = operator().run("sweep", "-o", "json");
        org.control().clearRequests();
        CliRun.Result second = operator().run("sweep", "-o", "json");
        CliRun.Result table = operator().run("sweep");
        CliRun.Result report = operator().run("report", "--since", "1h", "--json");

        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(Schemas.violations("sweep", first.out())).as(first.out()).isEmpty();
        JsonNode firstGhosts = json.readTree(first.out()).path("analyticsGhosts");
        assertThat(firstGhosts.path("looked").asInt()).isEqualTo(3);
        assertThat(firstGhosts.path("remembered").asInt()).isZero();
        assertThat(json.readTree(first.out()).path("ended").asInt()).isEqualTo(4);
        JsonNode secondGhosts = json.readTree(second.out()).path("analyticsGhosts");
        assertThat(secondGhosts.path("looked").asInt()).isZero();
        assertThat(secondGhosts.path("remembered").asInt()).isEqualTo(3);
        assertThat(secondGhosts.path("total").asInt()).isEqualTo(3);
        List<String> ghostIds = org.control().conversations().stream().filter(g -> g.kind().equals("ghost")).map(g -> g.id()).toList();
        assertThat(org.control().requests()).as("no call on a remembered ghost").noneMatch(r -> ghostIds.stream().anyMatch(r.path()::contains));
        assertThat(table.out()).contains("Analytics ghosts: 3 ").contains("3 remembered from an earlier look");
        assertThat(json.readTree(report.out()).path("analyticsGhosts").asInt()).isEqualTo(3);
    }

    @Test
    void sweepsOnlyTheNamedQueue() {
        CliRun.Result result = operator().run("sweep", "--queue", "billing");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(0);
        assertThat(ended("billing-long")).isTrue();
        assertThat(endedCount()).isEqualTo(1);
    }

    @Test
    void anUnknownQueueIsRefusedAndNothingIsDone() {
        CliRun.Result result = operator().run("sweep", "--queue", "Suport");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("no queue 'Suport'").contains("Nothing was done").doesNotContain("Exception");
        assertThat(endedCount()).isZero();
    }

    @Test
    void theLimitCapsTheBlastRadius() {
        CliRun.Result result = operator().run("sweep", "--limit", "2");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(0);
        assertThat(endedCount()).isEqualTo(2);
        assertThat(result.out()).contains("Over the limit of 2: 2 left for the next run.");
    }

    @Test
    void aDryRunWritesAPlanThatEndRunsAfterReview() throws Exception {
        Path plan = home.resolve("plan.json");

        CliRun.Result dry = operator().run("sweep", "--dry-run", "--plan", plan.toString());

        assertThat(dry.exitCode()).as(dry.all()).isEqualTo(0);
        assertThat(endedCount()).isZero();
        assertThat(dry.out()).contains("Plan written to " + plan, "unstuck end --from " + plan);
        JsonNode written = new ObjectMapper().readTree(Files.readString(plan));
        assertThat(written.path("unstuckPlan").asInt()).isEqualTo(1);
        assertThat(written.path("conversations")).hasSize(4);
        JsonNode firstStep = written.path("conversations").get(0).path("steps").get(0);
        assertThat(firstStep.path("method").asText()).isEqualTo("PATCH");
        assertThat(firstStep.path("path").asText()).startsWith("/api/v2/conversations/messages/");
        assertThat(firstStep.path("body").path("state").asText()).isEqualTo("disconnected");
        assertThat(firstStep.path("status").isNull()).as("planned, not made").isTrue();
        assertThat(written.path("left").toString()).contains("within-policy");

        CliRun.Result run = operator().run("end", "--from", plan.toString(), "--reason", "reviewed plan");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertThat(endedCount()).isEqualTo(4);
        assertThat(ended("live-1") || ended("patient")).isFalse();
    }

    @Test
    void aPlanOfNothingToEndIsDoneAtOnceSoASweepAndEndScriptSucceedsOnAQuietDay() {
        assertThat(operator().run("sweep").exitCode()).isEqualTo(0);
        Path plan = home.resolve("quiet.json");
        assertThat(operator().run("sweep", "--dry-run", "--plan", plan.toString()).exitCode()).isEqualTo(0);

        CliRun.Result run = operator().run("end", "--from", plan.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertThat(run.out()).contains("the plan lists no conversation to end; nothing to do.");
        assertThat(endedCount()).isEqualTo(4);
    }

    @Test
    void planWithoutDryRunIsAUsageError() {
        CliRun.Result result = operator().run("sweep", "--plan", home.resolve("p.json").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("--plan writes the plan of a dry run");
        assertThat(endedCount()).isZero();
    }
}
