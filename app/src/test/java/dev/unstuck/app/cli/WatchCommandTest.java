package dev.unstuck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.unstuck.app.Scenarios;
import dev.unstuck.app.UnstuckProcess;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import dev.unstuck.sandbox.junit.ChildProcess;
import dev.unstuck.sandbox.junit.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `unstuck watch --all-orgs` as an operator runs it: a real process, two orgs (two sandboxes, each
 * with its own credentials), guests crossing maxWait as the sandboxes' clocks move, and SIGTERM.
 */
class WatchCommandTest {
    static ScenarioBuilder scenario(String clientId, String secret) {
        return Scenarios.operatorOrg(3, clientId, secret).queues("Support").agents("Ana Agent")
                .guests(Guest.waiting("almost").queue("Support").ageSeconds(590),
                        Guest.liveAgent("live").queue("Support").agent("Ana Agent").ageSeconds(3000),
                        Guest.waiting("young").queue("Support").ageSeconds(20));
    }

    @RegisterExtension
    static final SandboxExtension east = new SandboxExtension(scenario("east-ops", "east-secret"));

    @RegisterExtension
    static final SandboxExtension west = new SandboxExtension(scenario("west-ops", "west-secret"));

    @TempDir
    Path home;

    ChildProcess process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.close();
        }
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
        process = UnstuckProcess.unstuck(Map.of("EAST_SECRET", "east-secret", "UNSTUCK_OPERATOR", "watch-test"),
                List.of("watch", "--all-orgs", "--config", config.toString(), "--reason", "INC-77"));

        await().atMost(Duration.ofSeconds(60)).until(() -> said("[east] scan:") && said("[west] scan:"));
        advance(east, 30);
        advance(west, 30);

        await().atMost(Duration.ofSeconds(30)).until(() -> ended(east, "almost") && ended(west, "almost"));
        assertThat(ended(east, "live") || ended(east, "young") || ended(west, "live") || ended(west, "young")).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> process.lines().stream().filter(l -> l.contains("stuck (waiting")).count() == 2);

        process.terminate();
        assertThat(process.waitFor(Duration.ofSeconds(30))).as(process.output()).isTrue();
        assertThat(process.lines()).as(process.output()).anyMatch(l -> l.contains("[east] stopped")).anyMatch(l -> l.contains("[west] stopped"))
                .noneMatch(l -> l.contains("Exception")).noneMatch(l -> l.contains("east-secret") || l.contains("west-secret"));
        CliRun.Result audit = new CliRun(home).env("EAST_SECRET", "east-secret").run("audit", "--config", config.toString(), "--since", "1h");
        assertThat(audit.out()).as(audit.all()).contains("watch-test").contains("east").contains("west");
    }

    private boolean said(String text) {
        return process.said(text);
    }

    private static boolean ended(SandboxExtension org, String label) {
        return org.control().ended(label);
    }

    private static void advance(SandboxExtension org, int seconds) {
        org.control().advance(Duration.ofSeconds(seconds));
    }
}
