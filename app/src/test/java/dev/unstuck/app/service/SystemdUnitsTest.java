package dev.unstuck.app.service;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The systemd units are hardened: {@code systemd-analyze security --offline=yes} rates each one's
 * overall exposure 2.0 or lower (it reads the unit file; nothing is installed or started, and the units
 * cannot be run here: no systemd as PID 1). Needs Debian's {@code systemd} package: skipped with a
 * message without it, a failure when {@code UNSTUCK_REQUIRE_TOOLS=1} (as .ci/systemd.sh sets it).
 */
class SystemdUnitsTest {
    static final Path UNITS = DeployFilesTest.DEPLOY.resolve("systemd");
    private static final Pattern OVERALL = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)");

    @ParameterizedTest
    @ValueSource(strings = {"unstuck.service", "unstuck-sweep.service"})
    void eachUnitsExposureIsTwoOrLower(String unit) throws Exception {
        Path analyze = tool("systemd-analyze");
        // --threshold counts in tenths (20 = 2.0): systemd-analyze itself fails above it.
        Process p = new ProcessBuilder(analyze.toString(), "security", "--offline=yes", "--threshold=20", "--no-pager", unit)
                .directory(UNITS.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Matcher overall = OVERALL.matcher(out);

        assertThat(overall.find()).as("an overall exposure in:\n%s", out).isTrue();
        assertThat(Double.parseDouble(overall.group(1))).as("the exposure of %s:\n%s", unit, out).isLessThanOrEqualTo(2.0);
        assertThat(p.exitValue()).as(out).isZero();
    }

    static Path tool(String name) {
        Optional<Path> found = KubernetesManifestsTest.onPath(name);
        if (found.isEmpty()) {
            String message = name + " is not installed (Debian package systemd); skipped";
            if ("1".equals(System.getenv("UNSTUCK_REQUIRE_TOOLS"))) {
                Assertions.fail(message.replace("skipped", "cannot run") + " (UNSTUCK_REQUIRE_TOOLS=1 forbids skipping)");
            }
            Assumptions.abort(message);
        }
        return found.get();
    }
}
