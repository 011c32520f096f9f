package dev.unstuck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;
import dev.unstuck.sandbox.client.SandboxClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `unstuck watch --all-orgs` as an operator runs it: a real process, two orgs (two sandboxes, each
 * with its own credentials), guests crossing maxWait as the sandboxes' clocks move, and SIGTERM.
 */
class WatchCommandTest {
    static String scenario(String clientId, String secret) {
        return """
                {
                  "seed": 3,
                  "settings": {"rateLimitPerMinute": 100000},
                  "roles": [{"name": "operator", "permissions": ["conversation:*:*", "analytics:*:*", "routing:queue:view"]}],
                  "oauthClients": [{"id": "%s", "secret": "%s", "name": "ops", "roles": ["operator"]}],
                  "queues": [{"name": "Support"}],
                  "agents": [{"name": "Ana Agent"}],
                  "guests": [
                    {"label": "almost", "kind": "waiting", "queue": "Support", "ageSeconds": 590},
                    {"label": "live", "kind": "live-agent", "queue": "Support", "agent": "Ana Agent", "ageSeconds": 3000},
                    {"label": "young", "kind": "waiting", "queue": "Support", "ageSeconds": 20}
                  ]
                }
                """.formatted(clientId, secret);
    }

    @TempDir
    Path home;

    Sandbox east;
    Sandbox west;
    Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        east = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.MANUAL).withScenario(scenario("east-ops", "east-secret")));
        west = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.MANUAL).withScenario(scenario("west-ops", "west-secret")));
    }

    @AfterEach
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        east.close();
        west.close();
    }

    @Test
    void watchesEveryOrgWithItsOwnCredentialsAndStopsCleanlyOnSigterm() throws Exception {
        Path config = home.resolve("unstuck.yaml");
        Files.writeString(config, """
                orgs:
                  east:
                    region: %s
                    clientId: east-ops
                    clientSecret: ${EAST_SECRET}
                  west:
                    region: %s
                    clientId: west-ops
                    clientSecret: west-secret
                    requestsPerMinute: 120
                detection:
                  maxWait: 10m
                  minAge: 1m
                audit:
                  db: %s
                """.formatted(east.baseUri(), west.baseUri(), home.resolve("audit.db")));
        ProcessBuilder builder = new ProcessBuilder("java", "-cp", System.getProperty("java.class.path"),
                "dev.unstuck.app.Main", "watch", "--all-orgs", "--config", config.toString(), "--reason", "INC-77")
                .redirectErrorStream(true);
        builder.environment().put("EAST_SECRET", "east-secret");
        builder.environment().put("UNSTUCK_OPERATOR", "watch-test");
        process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("reader: " + e.getMessage());
            }
        });
        reader.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> said("[east] scan:") && said("[west] scan:"));
        advance(east, 30);
        advance(west, 30);

        await().atMost(Duration.ofSeconds(30)).until(() -> ended(east, "almost") && ended(west, "almost"));
        assertThat(ended(east, "live") || ended(east, "young") || ended(west, "live") || ended(west, "young")).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().filter(l -> l.contains("stuck (waiting")).count() == 2);

        process.toHandle().destroy(); // SIGTERM, leaving the output readable (Process.destroy closes it)
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(String.join("\n", lines)).isTrue();
        reader.join(5_000);
        assertThat(lines).as(String.join("\n", lines)).anyMatch(l -> l.contains("[east] stopped")).anyMatch(l -> l.contains("[west] stopped"))
                .noneMatch(l -> l.contains("Exception")).noneMatch(l -> l.contains("east-secret") || l.contains("west-secret"));
        CliRun.Result audit = new CliRun(home).env("EAST_SECRET", "east-secret").run("audit", "--config", config.toString(), "--since", "1h");
        assertThat(audit.out()).as(audit.all()).contains("watch-test").contains("east").contains("west");
    }

    private boolean said(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    private static boolean ended(Sandbox sandbox, String label) {
        return new SandboxClient(sandbox.baseUri()).ended(label);
    }

    private static void advance(Sandbox sandbox, int seconds) {
        new SandboxClient(sandbox.baseUri()).advance(Duration.ofSeconds(seconds));
    }
}
