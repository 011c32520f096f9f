package dev.unstuck.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `unstuck gen-manpage`: a page per command from the command tree, never behind the options. */
class ManPageCommandTest {
    @TempDir
    Path home;

    @Test
    void writesAPagePerCommandWithItsOptions() throws Exception {
        Path out = home.resolve("man");

        CliRun.Result result = new CliRun(home).run("gen-manpage", "--outdir", out.toString());

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(out.resolve("unstuck.adoc")).exists();
        assertThat(out.resolve("unstuck-token-create.adoc")).exists();
        assertThat(Files.readString(out.resolve("unstuck-sweep.adoc"))).contains("--dry-run", "--output", "--queue");
        assertThat(Files.readString(out.resolve("unstuck-watch.adoc"))).contains("--dry-run", "--all-orgs");
        assertThat(out.resolve("unstuck-gen-manpage.adoc")).as("the generator itself is hidden").doesNotExist();
    }
}
