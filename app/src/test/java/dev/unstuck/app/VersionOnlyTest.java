package dev.unstuck.app;

import dev.unstuck.app.cli.AppContext;
import dev.unstuck.app.cli.Cli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** `unstuck --version` is answered before the command tree is built, with the lines picocli would print. */
class VersionOnlyTest {

    @Test
    void theVersionAloneIsAnsweredWithTheLinesPicocliPrints() {
        ByteArrayOutputStream picocli = new ByteArrayOutputStream();
        CommandLine cli = Cli.create(AppContext.system());
        cli.printVersionHelp(new PrintStream(picocli, true, StandardCharsets.UTF_8), CommandLine.Help.Ansi.OFF);

        assertThat(Main.versionOnly(new String[] {"--version"})).hasValueSatisfying(
                lines -> assertThat(String.join(System.lineSeparator(), lines) + System.lineSeparator())
                        .isEqualTo(picocli.toString(StandardCharsets.UTF_8)).startsWith("unstuck "));
        assertThat(Main.versionOnly(new String[] {"-V"})).isPresent();
    }

    @Test
    void theVersionAmongOtherWordsIsLeftToPicocli() {
        assertThat(Main.versionOnly(new String[] {"inspect", "--version"})).isEmpty();
        assertThat(Main.versionOnly(new String[] {"--version", "-v"})).isEmpty();
        assertThat(Main.versionOnly(new String[] {})).isEmpty();
    }
}
