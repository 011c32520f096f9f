package dev.unstuck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What users of gc, kubectl and gh expect of a command line: completion, "did you mean", profiles. */
class ShellHabitsTest {
    @TempDir
    Path home;

    private CliRun cli() {
        return new CliRun(home);
    }

    @Test
    void theBashCompletionScriptCompletesEverySubcommandAndIsValidBash() throws Exception {
        CliRun.Result result = cli().run("completion", "bash");
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("complete -F", "sweep", "watch", "audit", "--dry-run");
        Path script = home.resolve("unstuck.bash");
        Files.writeString(script, result.out());
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "no bash to check the syntax with");
        Process check = new ProcessBuilder(bash.toString(), "-n", script.toString()).redirectErrorStream(true).start();
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(new String(check.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void theZshScriptLoadsTheBashOneThroughBashcompinit() {
        CliRun.Result result = cli().run("completion", "zsh");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("bashcompinit", "complete -F");
    }

    @Test
    void theFishScriptNamesEachSubcommandAndItsOptions() {
        CliRun.Result result = cli().run("completion", "fish");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines())
                .contains("complete -c unstuck -n '__fish_use_subcommand' -a sweep -d 'Find stuck, looping and orphaned guests and end them, in one pass.'")
                .anySatisfy(line -> assertThat(line).startsWith("complete -c unstuck -n '__fish_seen_subcommand_from sweep' -l dry-run"));
    }

    @Test
    void anUnknownShellIsAUsageError() {
        CliRun.Result result = cli().run("completion", "powershell");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("bash", "zsh", "fish");
    }

    @Test
    void aMistypedSubcommandGetsADidYouMean() {
        CliRun.Result result = cli().run("swep");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("Did you mean: unstuck sweep");
    }

    @Test
    void profileIsAnotherNameForOrgAsInGc() throws Exception {
        Path config = home.resolve("config.yaml");
        Files.writeString(config, "orgs:\n  eu:\n    region: eu_central_1\n    clientId: abc\n    clientSecret: ${S}\n");
        for (String flag : new String[] {"-p", "--profile", "--org"}) {
            CliRun.Result result = cli().env("S", "x").run("inspect", "3f2b6c1e-8d4a-4e2f-9b1a-2c3d4e5f6a7b", "--config", config.toString(), flag, "us");
            assertThat(result.exitCode()).as(flag).isEqualTo(ExitCode.CONFIG.code());
            assertThat(result.err()).as(flag).contains("no org 'us'", "known orgs: eu");
        }
    }
}
