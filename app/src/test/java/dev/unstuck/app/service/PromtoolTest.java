package dev.unstuck.app.service;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * deploy/prometheus/ as Prometheus reads it, checked by Debian's {@code promtool}: the alert rules are
 * valid, fire as their unit tests say, and name only metrics a live {@code /metrics} has; and that live
 * {@code /metrics} passes {@code promtool check metrics}. Skipped with a message where promtool is not
 * installed; failed instead when {@code UNSTUCK_REQUIRE_TOOLS=1} (as CI sets it, .ci/promtool.sh).
 */
class PromtoolTest {
    static final Path RULES = Path.of("..", "deploy", "prometheus");
    private static final Pattern METRIC = Pattern.compile("\\b(unstuck_[a-z_]+)");

    @RegisterExtension
    static final ServiceFixture fx = ServiceFixture.service().startedByTheTest();

    static Path promtool;

    @BeforeAll
    static void findPromtool() {
        Optional<Path> found = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(path -> List.of(path.split(java.io.File.pathSeparator)).stream())
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            String message = "promtool tests skipped: no promtool on this machine; install Debian's 'prometheus' package"
                    + " (apt-get install -y prometheus, or source .ci/promtool.sh) to run them";
            if ("1".equals(System.getenv("UNSTUCK_REQUIRE_TOOLS"))) {
                Assertions.fail(message.replace("skipped", "cannot run") + " (UNSTUCK_REQUIRE_TOOLS=1 forbids skipping)");
            }
            System.err.println(message);
            Assumptions.abort(message);
        }
        promtool = found.get();
    }

    /** promtool's exit code and what it printed (both streams). */
    record Run(int exit, String output) {
    }

    private static Run promtool(Optional<String> stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            if (stdin.isPresent()) {
                in.write(stdin.get().getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish");
        }
        return new Run(process.exitValue(), output);
    }

    @Test
    void theAlertRulesAreValidPrometheusRules() throws Exception {
        Run check = promtool(Optional.empty(), "check", "rules", "unstuck-alerts.yaml");
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 6 rules found");
    }

    @Test
    void eachAlertFiresOnItsTroubleAndNotBeforeItsForOrOnAHealthyOrg() throws Exception {
        Run test = promtool(Optional.empty(), "test", "rules", "unstuck-alerts.test.yaml");
        assertThat(test.exit()).as(test.output()).isZero();
        String rules = Files.readString(RULES.resolve("unstuck-alerts.yaml"));
        String tests = Files.readString(RULES.resolve("unstuck-alerts.test.yaml"));
        Matcher alerts = Pattern.compile("- alert: (\\w+)").matcher(rules);
        while (alerts.find()) {
            assertThat(tests).as("a unit test for " + alerts.group(1)).contains("alertname: " + alerts.group(1));
        }
    }

    @Test
    void theLiveMetricsPassPromtoolAndHaveEveryMetricTheRulesName() throws Exception {
        try {
            fx.start(true);
            // The watch ends the scenario's stuck guests: the endings counter exists once it has.
            await().atMost(Duration.ofSeconds(60)).until(() -> fx.scrape().contains("unstuck_endings_total{"));
            String scrape = fx.scrape();

            Run check = promtool(Optional.of(scrape), "check", "metrics");
            assertThat(check.exit()).as(check.output() + "\n" + scrape).isZero();

            Set<String> named = new TreeSet<>();
            Matcher m = METRIC.matcher(Files.readString(RULES.resolve("unstuck-alerts.yaml")));
            while (m.find()) {
                named.add(m.group(1));
            }
            assertThat(named).isNotEmpty().allSatisfy(metric -> assertThat(scrape).as(metric)
                    .containsPattern("\n" + metric + "[{ ]"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
