package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.unstuck.app.config.ConfigFile;
import dev.unstuck.app.config.ConfigLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * deploy/ as an operator applies it: the manifests parse and agree with what {@code serve} does (ports,
 * probes, config), and every metric the Grafana dashboard charts is one the service exports. Images
 * cannot be built here (no Docker engine); the Dockerfile is checked as text.
 */
class DeployFilesTest {
    static final Path DEPLOY = Path.of("..", "deploy");

    @TempDir
    static Path home;

    static ServiceFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new ServiceFixture(home, false);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static List<JsonNode> manifests() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(DEPLOY.resolve("kubernetes/unstuck.yaml").toFile())) {
            yaml.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
        }
        return docs;
    }

    static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst().orElseThrow(() -> new AssertionError("no " + kind));
    }

    @Test
    void theDeploymentRunsTwoReplicasWithProbesOnTheManagementPort() throws Exception {
        List<JsonNode> docs = manifests();
        JsonNode deployment = kind(docs, "Deployment");
        JsonNode container = deployment.at("/spec/template/spec/containers/0");

        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(container.path("args").toString()).contains("serve");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
        assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("management");
        assertThat(container.path("ports").toString()).contains("9090").contains("8080");
        assertThat(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(deployment.at("/spec/template/metadata/annotations").path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(deployment.at("/spec/template/metadata/annotations").path("prometheus.io/port").asText()).isEqualTo("9090");
        assertThat(kind(docs, "Service").at("/spec/selector")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
    }

    @Test
    void theConfigMapIsAConfigUnstuckAcceptsWithTheSecretsCredentials() throws Exception {
        List<JsonNode> docs = manifests();
        JsonNode secret = kind(docs, "Secret").path("stringData");
        String config = kind(docs, "ConfigMap").at("/data/config.yaml").asText();
        Path file = home.resolve("config.yaml");
        Files.writeString(file, config);
        Map<String, String> env = new java.util.HashMap<>();
        secret.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));

        ConfigFile loaded = new ConfigLoader(env).load(Optional.of(file), home);

        assertThat(loaded.orgs()).containsKey("acme");
        // serve listens where the container's ports and probes point: the ports come from this file.
        JsonNode ports = kind(docs, "Deployment").at("/spec/template/spec/containers/0/ports");
        Map<String, Integer> byName = new java.util.HashMap<>();
        ports.forEach(p -> byName.put(p.path("name").asText(), p.path("containerPort").asInt()));
        assertThat(loaded.service().managementPort()).contains(byName.get("management"));
        assertThat(loaded.service().port()).contains(byName.get("api"));
        assertThat(secret.path("UNSTUCK_AUDIT_DB").asText()).startsWith("jdbc:postgresql:");
    }

    @Test
    void theImageRunsServeAsANonRootUserWithAHealthCheck() throws Exception {
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));

        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre").contains("AS build").contains("USER unstuck")
                .contains("HEALTHCHECK").contains("dev.unstuck.app.HealthProbe").contains("\"serve\"");
        assertThat(Class.forName("dev.unstuck.app.HealthProbe")).isNotNull();
    }

    @Test
    void theSystemdUnitsRunServeAndATimedSweep() throws Exception {
        String service = Files.readString(DEPLOY.resolve("systemd/unstuck.service"));
        String sweep = Files.readString(DEPLOY.resolve("systemd/unstuck-sweep.service"));
        String timer = Files.readString(DEPLOY.resolve("systemd/unstuck-sweep.timer"));

        assertThat(service).contains("ExecStart=").contains(" serve ").contains("KillSignal=SIGTERM").contains("User=unstuck");
        assertThat(sweep).contains("Type=oneshot").contains(" sweep ").contains("SuccessExitStatus=6");
        assertThat(timer).contains("[Timer]").contains("OnUnitActiveSec=");
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
