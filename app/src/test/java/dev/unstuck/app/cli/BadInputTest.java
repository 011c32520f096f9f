package dev.unstuck.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** User mistakes get one actionable line, the documented exit code and never a stack trace. */
class BadInputTest {
    @TempDir
    Path home;

    private CliRun cli() {
        return new CliRun(home);
    }

    private static void assertOneLineWithoutStackTrace(CliRun.Result result) {
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.all()).doesNotContain("Exception", "\tat ", "at dev.unstuck");
    }

    @Test
    void aMalformedConversationIdIsRefusedBeforeAnythingIsDone() {
        CliRun.Result result = cli().credentials("http://127.0.0.1:1", "id", "secret")
                .run("end", "3f2b6c1e-8d4a-4e2f-9b1a-2c3d4e5f6a7b", "not-a-uuid");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("'not-a-uuid'", "Nothing was done");
        assertOneLineWithoutStackTrace(result);
    }

    @Test
    void anUnknownRegionIsRefusedWithTheNearestKnownOnes() {
        CliRun.Result result = cli().credentials("euc1", "id", "secret").run("doctor");
        assertThat(result.exitCode()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(result.err()).contains("euc1", "eu_central_1", "mypurecloud.de");
        assertOneLineWithoutStackTrace(result);
    }

    @Test
    void missingCredentialsNameTheVariablesToSet() {
        CliRun.Result result = cli().env("GENESYSCLOUD_REGION", "eu_central_1").run("inspect", "3f2b6c1e-8d4a-4e2f-9b1a-2c3d4e5f6a7b");
        assertThat(result.exitCode()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(result.err()).contains("GENESYSCLOUD_OAUTHCLIENT_ID", "GENESYSCLOUD_OAUTHCLIENT_SECRET");
        assertOneLineWithoutStackTrace(result);
    }

    @Test
    void anUnreadableConfigFileIsNamedWithTheProblem() throws Exception {
        Path config = home.resolve("broken.yaml");
        Files.writeString(config, "orgs: [this is: not: valid\n");
        CliRun.Result result = cli().run("doctor", "--config", config.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(result.err()).contains("broken.yaml");
        assertOneLineWithoutStackTrace(result);
    }

    @Test
    void aMissingConfigFileIsNamed() {
        CliRun.Result result = cli().run("doctor", "--config", home.resolve("nope.yaml").toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(result.err()).contains("nope.yaml");
        assertOneLineWithoutStackTrace(result);
    }

    @Test
    void anUnreachableRegionSaysSoWithoutStackTrace() {
        CliRun.Result result = cli().credentials("http://127.0.0.1:9", "id", "top-secret-value").run("doctor");
        assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(result.err()).contains("cannot reach", "127.0.0.1:9");
        assertThat(result.all()).doesNotContain("top-secret-value");
        assertOneLineWithoutStackTrace(result);
    }

    @Test
    void aRegionHostThatDoesNotResolveIsNamedAsSuchNotAsRefused() {
        CliRun.Result result = cli().credentials("http://api.unstuck-test.invalid", "id", "top-secret-value").run("doctor");

        assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(result.err()).contains("the host api.unstuck-test.invalid could not be resolved").doesNotContain("refused");
        assertOneLineWithoutStackTrace(result);
    }

    @Test
    void theHelpFooterNamesEveryExitCode() {
        CliRun.Result result = cli().run("--help");

        String footer = result.out().substring(result.out().indexOf("Exit codes:")).replaceAll("\\s+", " ");
        for (ExitCode code : ExitCode.values()) {
            assertThat(footer).as(code.name()).containsPattern("[ ,:]" + code.code() + " [a-z]");
        }
        assertThat(footer).contains("7 some not found", "8 audit not written");
    }

    @Test
    void anUnknownOptionPointsToHelp() {
        CliRun.Result result = cli().run("end", "--frobnicate");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("--frobnicate", "--help");
    }

    @Test
    void idsFromAFileThatDoesNotExistAreAUsageError() {
        CliRun.Result result = cli().credentials("http://127.0.0.1:9", "id", "s").run("end", "--from", home.resolve("ids.txt").toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("ids.txt", "does not exist");
        assertOneLineWithoutStackTrace(result);
    }

    @Test
    void aMalformedPlanIsRefusedWithItsLineAndExitCode2() throws Exception {
        Path plan = home.resolve("plan.json");
        Files.writeString(plan, "{\"unstuckPlan\": 1, \"conversations\": [{\"queue\": \"Support\"}]}");
        CliRun.Result result = cli().credentials("http://127.0.0.1:9", "id", "s").run("end", "--from", plan.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("--from " + plan + ": not a plan: conversations[0] has no \"id\"");
        assertOneLineWithoutStackTrace(result);
    }

    @Test
    void aPlanThatIsNotJsonOnStandardInputIsRefusedWithJacksonsFirstLine() {
        CliRun.Result result = cli().credentials("http://127.0.0.1:9", "id", "s").stdin("{\"unstuckPlan\": 1,\n oops}\n")
                .run("end", "--from", "-");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("--from -: not a plan: Unexpected character", "line 2");
        assertOneLineWithoutStackTrace(result);
    }

    @Test
    void aPlanFromANewerUnstuckIsRefused() throws Exception {
        Path plan = home.resolve("plan.json");
        Files.writeString(plan, "{\"unstuckPlan\": 2, \"conversations\": [{\"id\": \"3f2b6c1e-8d4a-4e2f-9b1a-2c3d4e5f6a7b\"}]}");
        CliRun.Result result = cli().credentials("http://127.0.0.1:9", "id", "s").run("end", "--from", plan.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("written by a newer unstuck");
        assertOneLineWithoutStackTrace(result);
    }

    @Test
    void aConfigNumberOfTheWrongKindIsOneLineWithItsPlaceAndExitCode3() throws Exception {
        Path config = home.resolve("config.yaml");
        Files.writeString(config, "orgs:\n  eu:\n    region: eu_central_1\n    clientId: abc\n    clientSecret: ${S}\n"
                + "    requestsPerMinute: 1.5\n");
        CliRun.Result result = cli().env("S", "x").run("doctor", "--config", config.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(result.err()).contains(config + ":6: orgs.eu.requestsPerMinute: '1.5' is not a whole number from 1 to 100000");
        assertOneLineWithoutStackTrace(result);
    }

    @Test
    void aConfigFileWithASecretOthersCanReadIsWarnedAboutOnStandardError() throws Exception {
        Path config = home.resolve("config.yaml");
        Files.writeString(config, "orgs:\n  eu:\n    region: http://127.0.0.1:9\n    clientId: abc\n    clientSecret: plain-secret-77\n");
        org.junit.jupiter.api.Assumptions.assumeTrue(config.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        CliRun.Result result = cli().run("doctor", "--config", config.toString());
        assertThat(result.err().lines().filter(l -> l.startsWith("warning: config file " + config)))
                .singleElement().asString().contains("chmod 600 " + config);
        assertThat(result.all()).doesNotContain("plain-secret-77");
    }

    @Test
    void idsFromStandardInputAreEchoedWithTheirEscapeSequencesMadeVisible() {
        String hostile = "\u001b]0;pwned\u0007\u001b[2J3f2b6c1e\u202e-8d4a";
        CliRun.Result result = cli().credentials("http://127.0.0.1:9", "id", "s").stdin(hostile + "\n").run("end", "--from", "-");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("'\\e]0;pwned\\u0007\\e[2J3f2b6c1e\\u202e-8d4a'", "Nothing was done");
        assertThat(result.all().chars().filter(c -> c == 0x1b || c == 0x07 || c == 0x202e)).isEmpty();
        assertOneLineWithoutStackTrace(result);
    }

    @Test
    void aVeryLongMalformedIdIsShownInPart() {
        CliRun.Result result = cli().credentials("http://127.0.0.1:9", "id", "s").stdin("x".repeat(5000) + "\n").run("end", "--from", "-");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("'" + "x".repeat(80) + "…'").hasSizeLessThan(400);
    }
}
