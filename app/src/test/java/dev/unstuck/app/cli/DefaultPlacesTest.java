package dev.unstuck.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.app.service.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the CLI keeps its files when none is named: the XDG base directories under $HOME, the old
 * ~/.unstuck still read (with a hint) while it holds the only file; and the ports it listens on.
 */
class DefaultPlacesTest {
    private static final String CONFIG = "defaultOrg: eu\norgs:\n  eu:\n    region: eu_central_1\n    clientId: abc\n";

    @TempDir
    Path home;

    private CliRun cli() {
        return new CliRun(home);
    }

    private String reportedOrg(CliRun.Result result) throws Exception {
        assertThat(result.exitCode()).as(result.all()).isZero();
        return new ObjectMapper().readTree(result.out()).path("org").asText();
    }

    @Test
    void theAuditGoesUnderTheXdgDataHome() {
        Path data = home.resolve("xdg-data");

        CliRun.Result result = cli().env("XDG_DATA_HOME", data.toString()).run("audit");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(data.resolve("unstuck").resolve("audit.db")).exists();
        assertThat(home.resolve(".unstuck")).doesNotExist();
    }

    @Test
    void withoutXdgVariablesTheAuditGoesUnderHomeLocalShare() {
        CliRun.Result result = cli().env("XDG_DATA_HOME", "relative/is/ignored").run("audit");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(home.resolve(".local/share/unstuck/audit.db")).exists();
        assertThat(home.resolve("relative")).doesNotExist();
    }

    @Test
    void theConfigIsReadFromTheXdgConfigHome() throws Exception {
        Path config = home.resolve("xdg-config").resolve("unstuck").resolve("config.yaml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, CONFIG);

        CliRun.Result result = cli().env("XDG_CONFIG_HOME", home.resolve("xdg-config").toString()).run("report", "-o", "json");

        assertThat(reportedOrg(result)).isEqualTo("eu");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void theConfigDefaultsToHomeDotConfig() throws Exception {
        Path config = home.resolve(".config/unstuck/config.yaml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, CONFIG);

        assertThat(reportedOrg(cli().run("report", "-o", "json"))).isEqualTo("eu");
    }

    @Test
    void filesAtTheOldPlaceAreStillUsedWithAOneLineHintToMoveThem() throws Exception {
        Path old = home.resolve(".unstuck");
        Files.createDirectories(old);
        Files.writeString(old.resolve("config.yaml"), CONFIG);
        assertThat(cli().env("UNSTUCK_AUDIT_DB", old.resolve("audit.db").toString()).run("audit").exitCode()).isZero();

        CliRun.Result result = cli().run("report", "-o", "json");

        assertThat(reportedOrg(result)).isEqualTo("eu");
        assertThat(result.err().lines()).containsExactlyInAnyOrder(
                "unstuck: using " + old.resolve("config.yaml") + " (the old place); move it to "
                        + home.resolve(".config/unstuck/config.yaml") + ", where unstuck looks first",
                "unstuck: using " + old.resolve("audit.db") + " (the old place); move it to "
                        + home.resolve(".local/share/unstuck/audit.db") + ", where unstuck looks first");
        assertThat(home.resolve(".local/share/unstuck/audit.db")).doesNotExist();
    }

    @Test
    void theHomeFolderIsHomeAsTheShellHasIt() {
        assertThat(AppContext.home(Map.of("HOME", "/srv/ops"))).isEqualTo(Path.of("/srv/ops"));
        assertThat(AppContext.home(Map.of())).isEqualTo(Path.of(System.getProperty("user.home")));
    }

    @Test
    void theSandboxDoesNotDefaultToThePortServeDefaultsTo() {
        AppContext context = new AppContext(Map.of(), home, java.time.Clock.systemUTC(), java.io.InputStream.nullInputStream(), false);
        CommandLine sandbox = Cli.create(context).getSubcommands().get("sandbox");
        CommandLine serve = Cli.create(context).getSubcommands().get("serve");

        String sandboxPort = sandbox.getCommandSpec().findOption("--port").defaultValue();
        assertThat(Integer.parseInt(sandboxPort)).isEqualTo(8089).isNotEqualTo(Service.Settings.defaults().port());
        assertThat(sandbox.getUsageMessage()).contains("Default: 8089");
        assertThat(serve.getUsageMessage()).contains("8080");
    }
}
