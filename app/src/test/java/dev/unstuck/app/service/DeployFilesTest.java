package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/ beside the Kubernetes manifests (KubernetesManifestsTest) and the units' hardening
 * (SystemdUnitsTest): the Dockerfile's rules (checked as text: no Docker engine here), the JVM options
 * the launcher, the image and the units share, the units' exit statuses and limits, and every metric the
 * Grafana dashboard charts being one the service exports.
 */
class DeployFilesTest {
    static final Path DEPLOY = Path.of("..", "deploy");

    @RegisterExtension
    static final ServiceFixture fx = ServiceFixture.service().oncePerClass();

    static String dockerfile() throws Exception {
        return Files.readString(DEPLOY.resolve("Dockerfile"));
    }

    /** The uid the image's user has (its {@code USER uid:gid} line, a number so Kubernetes can check it is not root). */
    static int imageUid() throws Exception {
        Matcher m = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(dockerfile());
        assertThat(m.find()).as("a numeric USER uid:gid line").isTrue();
        assertThat(m.group(2)).isEqualTo(m.group(1));
        return Integer.parseInt(m.group(1));
    }

    /** The Dockerfile's instructions (continuation lines joined), comments left out. */
    static List<String> instructions() throws Exception {
        return List.of(dockerfile().replaceAll("\\\\\n", " ").lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toArray(String[]::new));
    }

    @Test
    void theImageIsBuiltInStagesOnPinnedBaseImages() throws Exception {
        List<String> from = instructions().stream().filter(l -> l.startsWith("FROM ")).toList();

        assertThat(from).hasSize(2);
        assertThat(from.get(0)).matches("FROM eclipse-temurin:17\\.0\\.\\d+_\\d+-jdk-[a-z]+(@sha256:[0-9a-f]{64})? AS build");
        assertThat(from.get(1)).matches("FROM eclipse-temurin:17\\.0\\.\\d+_\\d+-jre-[a-z]+(@sha256:[0-9a-f]{64})?");
        assertThat(instructions()).anyMatch(l -> l.startsWith("RUN ./mvnw "));
        assertThat(instructions()).anyMatch(l -> l.matches("COPY --from=build \\S+unstuck\\.jar /opt/unstuck/unstuck\\.jar"));
    }

    @Test
    void theImageRunsServeAsAFixedNonRootUidWithNoJvmStartingHealthCheck() throws Exception {
        List<String> lines = instructions();
        String entrypoint = lines.stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();

        assertThat(imageUid()).isEqualTo(10001);
        assertThat(lines).anyMatch(l -> l.contains("useradd") && l.contains("--uid 10001"));
        assertThat(lines).noneMatch(l -> l.startsWith("HEALTHCHECK") && !l.equals("HEALTHCHECK NONE"));
        assertThat(lines).anyMatch(l -> l.startsWith("CMD [\"serve\""));
        // deploy/jvm.options first, UNSTUCK_JAVA_OPTS after them (so each option set there wins), then the jar.
        assertThat(entrypoint).containsSubsequence("@/opt/unstuck/jvm.options", "-XX:MaxRAMPercentage=", "$UNSTUCK_JAVA_OPTS", "-jar /opt/unstuck/unstuck.jar");
        assertThat(lines).contains("COPY deploy/jvm.options /opt/unstuck/jvm.options");
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndLocalState() throws Exception {
        List<String> ignored = Files.readAllLines(DEPLOY.resolve("..").resolve(".dockerignore"));

        assertThat(ignored).contains("**/target/", ".git/", "*.db", ".unstuck/");
    }

    @Test
    void theLauncherTheImageAndTheUnitsRunWithTheSameJvmOptionsBeforeTheUsers() throws Exception {
        String launcher = Files.readString(DEPLOY.resolve("..").resolve("unstuck"));
        String service = Files.readString(DEPLOY.resolve("systemd/unstuck.service"));
        String sweep = Files.readString(DEPLOY.resolve("systemd/unstuck-sweep.service"));

        assertThat(launcher).containsSubsequence("@\"$here/deploy/jvm.options\"", "-Xmx256m", "${UNSTUCK_JAVA_OPTS:-} -jar");
        for (String unit : List.of(service, sweep)) {
            assertThat(unit).containsSubsequence("ExecStart=/usr/bin/java @/opt/unstuck/jvm.options -Xmx256m", "$UNSTUCK_JAVA_OPTS -jar /opt/unstuck/unstuck.jar");
        }
        assertThat(Files.readAllLines(DEPLOY.resolve("jvm.options"))).contains("-XX:+UseSerialGC", "-Xss512k", "-XX:MaxMetaspaceSize=128m");
    }

    @Test
    void theJvmTakesTheDefaultOptionsAndLetsLaterOnesWin() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String options = "@" + DEPLOY.resolve("jvm.options").toAbsolutePath();

        Map<String, String> defaults = flags(java, options, "-Xmx256m");
        Map<String, String> overridden = flags(java, options, "-Xmx256m", "-Xmx1g", "-XX:-UseSerialGC", "-XX:+UseG1GC");

        assertThat(defaults).containsEntry("UseSerialGC", "true").containsEntry("MaxHeapSize", String.valueOf(256L << 20))
                .containsEntry("TieredStopAtLevel", "1");
        assertThat(overridden).containsEntry("UseG1GC", "true").containsEntry("MaxHeapSize", String.valueOf(1L << 30));
    }

    /** {@code java OPTIONS -XX:+PrintFlagsFinal -version}: the flags the JVM settled on. */
    private static Map<String, String> flags(String javaBin, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBin));
        command.addAll(List.of(options));
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        Map<String, String> flags = new java.util.HashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*\\S+\\s+(\\w+)\\s+:?=\\s+(\\S+)").matcher(out);
        while (m.find()) {
            flags.put(m.group(1), m.group(2));
        }
        return flags;
    }

    @Test
    void theSystemdUnitsRunServeAndATimedSweep() throws Exception {
        String service = Files.readString(DEPLOY.resolve("systemd/unstuck.service"));
        String sweep = Files.readString(DEPLOY.resolve("systemd/unstuck-sweep.service"));
        String timer = Files.readString(DEPLOY.resolve("systemd/unstuck-sweep.timer"));

        assertThat(service).contains(" serve --config /etc/unstuck/config.yaml").contains("KillSignal=SIGTERM").contains("User=unstuck")
                .containsPattern("(?m)^SuccessExitStatus=.*\\b143\\b");
        assertThat(sweep).contains("Type=oneshot").contains(" sweep --config /etc/unstuck/config.yaml")
                .containsPattern("(?m)^SuccessExitStatus=6 143$").containsPattern("(?m)^TimeoutStartSec=\\d+min$");
        assertThat(timer).contains("[Timer]").contains("OnUnitActiveSec=");
        // The JIT writes code and then runs it: with MemoryDenyWriteExecute=yes the JVM could not start.
        assertThat(service + sweep).doesNotContainPattern("(?m)^MemoryDenyWriteExecute=(yes|true|1)");
    }

    @Test
    void everyMetricTheGrafanaDashboardChartsIsExported() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/unstuck-dashboard.json").toFile());
        Set<String> charted = new TreeSet<>();
        Pattern metric = Pattern.compile("\\b(unstuck_[a-z_]+|jvm_[a-z_]+|process_[a-z_]+)");
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = metric.matcher(target.path("expr").asText());
                while (m.find()) {
                    charted.add(m.group(1));
                }
            }
        }
        fx.post("/api/v1/orgs/acme/conversations/" + fx.guest("waiting").id() + "/end", fx.operator, "{\"reason\":\"x\"}");
        String exported = fx.call("GET", "/metrics", Optional.empty(), Optional.empty(), Map.of()).body();
        Set<String> names = new TreeSet<>();
        exported.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> names.add(l.split("[{ ]")[0]));

        assertThat(charted).isNotEmpty();
        // unstuck_guests_now has a series per queue and reason while guests wait; this service watches nothing.
        List<String> missing = charted.stream().filter(c -> !names.contains(c) && !c.equals("unstuck_guests_now")).toList();
        assertThat(missing).as("charted but not exported (exported: %s)", names).isEmpty();
    }
}
