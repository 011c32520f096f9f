package dev.unstuck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `unstuck demo --exit` as a newcomer runs it: the tour, then it says it stops and leaves nothing behind. */
class DemoCommandTest {
    @TempDir
    Path home;

    @Test
    void demoExitSaysItStopsAndRemovesItsTemporaryFolder() {
        CliRun.Result result = new CliRun(home).run("demo", "--port", "0", "--exit");
        assertThat(result.exitCode()).as(result.all()).isZero();
        Matcher stops = Pattern.compile("--exit: the sandbox at \\S+ stops now, and the demo's temporary folder (\\S+) \\(")
                .matcher(result.out());
        assertThat(stops.find()).as(result.out()).isTrue();
        assertThat(Files.exists(Path.of(stops.group(1)))).as("the temporary folder is gone").isFalse();
        assertThat(result.out()).doesNotContain("keeps running");
    }
}
