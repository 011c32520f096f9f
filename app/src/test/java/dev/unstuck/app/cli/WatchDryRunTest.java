package dev.unstuck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.app.UnstuckProcess;
import dev.unstuck.app.demo.DemoScenario;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import dev.unstuck.sandbox.junit.ChildProcess;
import dev.unstuck.sandbox.junit.SandboxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `unstuck watch --dry-run -o json` on the demo org, as a real process: shadow mode reports (in JSON
 * lines) and audits (as dry runs) every guest it would end, and ends none, while the sandbox's clock
 * pushes more guests past maxWait.
 */
class WatchDryRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SandboxExtension demo = new SandboxExtension(DemoScenario.json());

    @TempDir
    Path home;

    final SandboxClient control = demo.control();
    ChildProcess process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.close();
        }
    }

    @Test
    void aDryRunWatchReportsWhatItWouldEndAndEndsNothing() throws Exception {
        // Analytics lists it open for ever; the conversation API shows it over: reported apart, never as something to end.
        control.addGuests(Guest.ghost("ghost-1").queue("Billing").ageSeconds(3600).json());
        String ghost = control.conversationId("ghost-1");
        Set<String> open = control.conversations().stream().filter(g -> !g.ended()).map(SandboxClient.Guest::id).collect(Collectors.toSet());
        String crossing = control.conversationId("about-to-cross-billing");
        Path config = home.resolve("unstuck.yaml");
        Files.writeString(config, """
                orgs:
                  demo:
                    region: %s
                    clientId: unstuck-demo
                    clientSecret: demo-secret
                detection:
                  maxWait: 10m
                  minAge: 1m
                audit:
                  db: %s
                """.formatted(demo.baseUri(), home.resolve("audit.db")));
        process = UnstuckProcess.unstuckWithErrorsApart(Map.of("UNSTUCK_OPERATOR", "shadow-test"),
                List.of("watch", "--dry-run", "-o", "json", "--config", config.toString()));

        await().atMost(Duration.ofSeconds(60)).until(() -> events("scanned") > 0);
        control.advance(Duration.ofSeconds(60)); // the demo's about-to-cross guests pass 10 minutes of waiting
        await().atMost(Duration.ofSeconds(60)).until(() -> wouldEnd().contains(crossing));
        await().atMost(Duration.ofSeconds(30)).until(() -> wouldEnd().containsAll(Set.of(control.conversationId("waiting-long-1"),
                control.conversationId("loop-1"), control.conversationId("orphan-1"))));

        assertThat(control.conversations()).filteredOn(g -> open.contains(g.id()))
                .as("every conversation open before the watch is open after it").noneMatch(SandboxClient.Guest::ended);
        assertThat(control.requests()).as("no leg patched, no conversation torn down")
                .noneMatch(r -> r.method().equals("PATCH") || r.path().endsWith("/disconnect"));
        for (String line : process.lines()) {
            assertThat(Schemas.violations("watch", line)).as(line).isEmpty();
        }
        JsonNode would = process.lines().stream().map(WatchDryRunTest::parse).filter(l -> l.path("conversationId").asText().equals(crossing))
                .findFirst().orElseThrow();
        assertThat(would.path("event").asText()).isEqualTo("would-end");
        assertThat(would.path("dryRun").asBoolean()).isTrue();
        assertThat(would.path("reason").asText()).isEqualTo("stuck");
        assertThat(would.path("steps").get(0).path("method").asText()).isEqualTo("PATCH");
        assertThat(wouldEnd()).doesNotContain(control.conversationId("live-1"), control.conversationId("live-2"), ghost);
        await().atMost(Duration.ofSeconds(30)).until(() -> events("analytics-ghost") == 1);
        JsonNode ghostLine = process.lines().stream().map(WatchDryRunTest::parse)
                .filter(l -> l.path("event").asText().equals("analytics-ghost")).findFirst().orElseThrow();
        assertThat(ghostLine.path("conversationId").asText()).isEqualTo(ghost);
        assertThat(ghostLine.path("notFound").asBoolean()).isFalse();
        assertThat(ghostLine.path("analyticsGhosts").asInt()).isEqualTo(1);

        process.terminate(); // SIGTERM
        assertThat(process.waitFor(Duration.ofSeconds(30))).as(process.output()).isTrue();
        CliRun audit = new CliRun(home);
        JsonNode acts = JSON.readTree(audit.run("audit", "--config", config.toString(), "-o", "json").out());
        JsonNode dryRuns = JSON.readTree(audit.run("audit", "--config", config.toString(), "--include-dry-runs", "-o", "json").out());
        assertThat(acts).as("a dry run's rows are not acts").isEmpty();
        assertThat(dryRuns).isNotEmpty().allSatisfy(e -> {
            assertThat(e.path("dryRun").asBoolean()).isTrue();
            assertThat(e.path("status").isNull()).isTrue();
        });
        assertThat(process.errors()).as(String.join("\n", process.errors())).noneMatch(l -> l.contains("Exception"));
    }

    private long events(String event) {
        return process.lines().stream().map(WatchDryRunTest::parse).filter(l -> l.path("event").asText().equals(event)).count();
    }

    private Set<String> wouldEnd() {
        return process.lines().stream().map(WatchDryRunTest::parse).filter(l -> l.path("event").asText().equals("would-end"))
                .map(l -> l.path("conversationId").asText()).collect(Collectors.toSet());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
