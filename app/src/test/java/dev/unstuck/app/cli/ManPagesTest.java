package dev.unstuck.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The man pages (a build step, profile man-pages): a page per command from the command tree, never behind the options. */
class ManPagesTest {
    @TempDir
    Path home;

    @Test
    void writesAPagePerCommandWithItsOptions() throws Exception {
        Path out = home.resolve("man");

        ManPages.write(out);

        assertThat(out.resolve("unstuck.adoc")).exists();
        assertThat(out.resolve("unstuck-token-create.adoc")).exists();
        assertThat(Files.readString(out.resolve("unstuck-sweep.adoc"))).contains("--dry-run", "--output", "--queue");
        assertThat(Files.readString(out.resolve("unstuck-watch.adoc"))).contains("--dry-run", "--all-orgs");
    }

    @Test
    void theRuntimeHasNoManPageCommandAndNoGenerator() {
        CliRun.Result result = new CliRun(home).run("gen-manpage");

        assertThat(result.exitCode()).isNotZero();
        assertThat(getClass().getClassLoader().getResource("dev/unstuck/app/cli/ManPageCommand.class")).isNull();
    }
}
