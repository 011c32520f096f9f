package dev.unstuck.app.cli;

import dev.unstuck.app.notify.Receiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** `unstuck notify test` sends one message to each target of the config file and says whether it arrived. */
class NotifyCommandTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path home;

    private final Receiver receiver = new Receiver();

    @AfterEach
    void close() {
        receiver.close();
    }

    private CliRun withConfig(String targets) throws Exception {
        Path file = home.resolve("config.yaml");
        Files.writeString(file, "notify:\n  targets:\n" + targets);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return new CliRun(home).env("UNSTUCK_CONFIG", file.toString()).env("HOOK_SECRET", SECRET);
    }

    @Test
    void sendsOneSignedTestMessageToEachTargetAndSaysItArrived() throws Exception {
        CliRun.Result result = withConfig("""
                    - { name: oncall, type: webhook, url: "%s", secret: "${HOOK_SECRET}" }
                    - { name: supervisors, type: slack, url: "%s" }
                """.formatted(receiver.url("/hook"), receiver.url("/slack"))).run("notify", "test");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(receiver.received()).hasSize(2);
        Receiver.Received webhook = receiver.received().stream().filter(r -> r.header("X-Unstuck-Signature") != null).findFirst().orElseThrow();
        assertThat(webhook.json().path("condition").asText()).isEqualTo("test");
        assertThat(result.out()).contains("oncall").contains("supervisors").contains("delivered").doesNotContain("NOT delivered")
                .doesNotContain(SECRET).doesNotContain("/slack");
    }

    @Test
    void saysWhichTargetDidNotTakeTheMessageAndExitsOne() throws Exception {
        receiver.answering(500, 500, 500);
        CliRun.Result result = withConfig("""
                    - { name: oncall, type: webhook, url: "%s", secret: "${HOOK_SECRET}" }
                """.formatted(receiver.url("/hook"))).run("notify", "test", "--target", "oncall");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.FAILED.code());
        assertThat(result.out()).contains("NOT delivered").contains("answered 500");
        assertThat(receiver.received()).hasSize(3);
    }

    @Test
    void anUnknownTargetIsAUsageError() throws Exception {
        CliRun.Result result = withConfig("""
                    - { name: oncall, type: webhook, url: "%s", secret: "${HOOK_SECRET}" }
                """.formatted(receiver.url("/hook"))).run("notify", "test", "--target", "pager");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("--target pager is not one of notify.targets [oncall]");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void aWebhookWithoutASecretIsRefusedWhereItIsWritten() throws Exception {
        CliRun.Result result = withConfig("""
                    - { name: oncall, type: webhook, url: "%s" }
                """.formatted(receiver.url("/hook"))).run("notify", "test");

        assertThat(result.exitCode()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(result.err()).contains("notify.targets.0: is a webhook without a secret").doesNotContain("Exception");
    }

    @Test
    void anUnknownTypeOrAUrlThatIsNotHttpIsRefused() throws Exception {
        CliRun.Result type = withConfig("      - { name: oncall, type: pager, url: https://example.org/x }\n").run("notify", "test");
        assertThat(type.exitCode()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(type.err()).contains("notify.targets.0.type: 'pager' is not a notification type; write webhook, slack or teams");

        CliRun.Result url = withConfig("      - { name: chat, type: slack, url: ftp://example.org/x }\n").run("notify", "test");
        assertThat(url.exitCode()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(url.err()).contains("notify.targets.0.url: must be an http or https URL");
    }

    @Test
    void noTargetsSaysHowToAddOne() throws Exception {
        Path file = home.resolve("config.yaml");
        Files.writeString(file, "detection:\n  maxWait: 30m\n");
        CliRun.Result result = new CliRun(home).env("UNSTUCK_CONFIG", file.toString()).run("notify", "test");

        assertThat(result.exitCode()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(result.err()).contains("the config file has no notify.targets");
    }
}
