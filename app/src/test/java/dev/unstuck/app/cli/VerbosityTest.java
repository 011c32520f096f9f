package dev.unstuck.app.cli;

import dev.unstuck.app.UnstuckProcess;
import dev.unstuck.sandbox.junit.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** -q and -v as an operator types them, on a real process: what reaches standard error. */
class VerbosityTest {
    @RegisterExtension
    static final SandboxOrg org = new SandboxOrg(CliAgainstSandboxTest.SCENARIO);

    private List<String> run(Map<String, String> extra, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("GENESYSCLOUD_REGION", org.baseUri().toString(),
                "GENESYSCLOUD_OAUTHCLIENT_ID", "operator", "GENESYSCLOUD_OAUTHCLIENT_SECRET", "operator-secret-1"));
        env.putAll(extra);
        try (ChildProcess unstuck = UnstuckProcess.unstuck(env, List.of(args))) {
            assertThat(unstuck.waitFor(Duration.ofSeconds(60))).isTrue();
            assertThat(unstuck.exitValue()).as(unstuck.output()).isZero();
            return List.copyOf(unstuck.lines());
        }
    }

    @Test
    void verboseShowsEveryHttpExchangeBeforeOrAfterTheCommand() throws Exception {
        String id = org.id("waiting-1");

        List<String> before = run(Map.of(), "-v", "inspect", id);
        List<String> after = run(Map.of(), "inspect", id, "-v");
        List<String> plain = run(Map.of(), "inspect", id);

        assertThat(before).anyMatch(l -> l.contains("DEBUG") && l.contains("GET /api/v2/conversations/messages/" + id + " -> 200"));
        assertThat(after).anyMatch(l -> l.contains("DEBUG") && l.contains("-> 200"));
        assertThat(plain).noneMatch(l -> l.contains("DEBUG"));
        assertThat(before).noneMatch(l -> l.contains("operator-secret-1") || l.contains("Bearer"));
    }

    @Test
    void quietWinsOverTheLogLevelOfTheEnvironment() throws Exception {
        List<String> loud = run(Map.of("UNSTUCK_LOG_LEVEL", "DEBUG"), "inspect", org.id("waiting-1"));
        List<String> quiet = run(Map.of("UNSTUCK_LOG_LEVEL", "DEBUG"), "-q", "inspect", org.id("waiting-1"));

        assertThat(loud).anyMatch(l -> l.contains("DEBUG"));
        assertThat(quiet).noneMatch(l -> l.contains("DEBUG") || l.contains("INFO") || l.contains("WARN"));
    }

    @Test
    void quietAndVerboseTogetherAreAUsageError() {
        CliRun.Result result = org.as(java.nio.file.Path.of("target"), "operator", "operator-secret-1").run("-q", "-v", "audit");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("-q (errors only) and -v");
    }
}
