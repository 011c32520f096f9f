package dev.unstuck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;
import dev.unstuck.sandbox.client.SandboxClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `unstuck watch --dry-run -o json` on the demo org, as a real process: shadow mode reports (in JSON
 * lines) and audits (as dry runs) every guest it would end, and ends none, while the sandbox's clock
 * pushes more guests past maxWait.
 */
class WatchDryRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    Sandbox sandbox;
    SandboxClient control;
    Process process;
    final List<String> out = new CopyOnWriteArrayList<>();
    final List<String> err = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        try (InputStream demo = WatchDryRunTest.class.getResourceAsStream("/scenarios/demo.json")) {
            sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.MANUAL)
                    .withScenario(new String(demo.readAllBytes(), StandardCharsets.UTF_8)));
        }
        control = new SandboxClient(sandbox.baseUri());
    }

    @AfterEach
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        sandbox.close();
    }

    @Test
    void aDryRunWatchReportsWhatItWouldEndAndEndsNothing() throws Exception {
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
                """.formatted(sandbox.baseUri(), home.resolve("audit.db")));
        ProcessBuilder builder = new ProcessBuilder("java", "-cp", System.getProperty("java.class.path"),
                "dev.unstuck.app.Main", "watch", "--dry-run", "-o", "json", "--config", config.toString());
        builder.environment().put("UNSTUCK_OPERATOR", "shadow-test");
        process = builder.start();
        read(process.getInputStream(), out);
        read(process.getErrorStream(), err);

        await().atMost(Duration.ofSeconds(60)).until(() -> events("scanned") > 0);
        control.advance(Duration.ofSeconds(60)); // the demo's about-to-cross guests pass 10 minutes of waiting
        await().atMost(Duration.ofSeconds(60)).until(() -> wouldEnd().contains(crossing));
        await().atMost(Duration.ofSeconds(30)).until(() -> wouldEnd().containsAll(Set.of(control.conversationId("waiting-long-1"),
                control.conversationId("loop-1"), control.conversationId("orphan-1"))));

        assertThat(control.conversations()).filteredOn(g -> open.contains(g.id()))
                .as("every conversation open before the watch is open after it").noneMatch(SandboxClient.Guest::ended);
        assertThat(control.requests()).as("no leg patched, no conversation torn down")
                .noneMatch(r -> r.method().equals("PATCH") || r.path().endsWith("/disconnect"));
        for (String line : out) {
            assertThat(Schemas.violations("watch", line)).as(line).isEmpty();
        }
        JsonNode would = out.stream().map(WatchDryRunTest::parse).filter(l -> l.path("conversationId").asText().equals(crossing))
                .findFirst().orElseThrow();
        assertThat(would.path("event").asText()).isEqualTo("would-end");
        assertThat(would.path("dryRun").asBoolean()).isTrue();
        assertThat(would.path("reason").asText()).isEqualTo("stuck");
        assertThat(would.path("steps").get(0).path("method").asText()).isEqualTo("PATCH");
        assertThat(wouldEnd()).doesNotContain(control.conversationId("live-1"), control.conversationId("live-2"));

        process.toHandle().destroy(); // SIGTERM
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(String.join("\n", out)).isTrue();
        CliRun audit = new CliRun(home);
        JsonNode acts = JSON.readTree(audit.run("audit", "--config", config.toString(), "-o", "json").out());
        JsonNode dryRuns = JSON.readTree(audit.run("audit", "--config", config.toString(), "--include-dry-runs", "-o", "json").out());
        assertThat(acts).as("a dry run's rows are not acts").isEmpty();
        assertThat(dryRuns).isNotEmpty().allSatisfy(e -> {
            assertThat(e.path("dryRun").asBoolean()).isTrue();
            assertThat(e.path("status").isNull()).isTrue();
        });
        assertThat(err).as(String.join("\n", err)).noneMatch(l -> l.contains("Exception"));
    }

    private long events(String event) {
        return out.stream().map(WatchDryRunTest::parse).filter(l -> l.path("event").asText().equals(event)).count();
    }

    private Set<String> wouldEnd() {
        return out.stream().map(WatchDryRunTest::parse).filter(l -> l.path("event").asText().equals("would-end"))
                .map(l -> l.path("conversationId").asText()).collect(Collectors.toSet());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    private static void read(InputStream stream, List<String> into) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    into.add(line);
                }
            } catch (IOException e) {
                into.add("reader: " + e.getMessage());
            }
        });
        reader.setDaemon(true);
        reader.start();
    }
}
