package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.unstuck.app.config.ConfigFile;
import dev.unstuck.app.config.ConfigLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/kubernetes as {@code kubectl apply -k} applies each overlay, held to the "restricted" Pod
 * Security Standard (kubernetes.io/docs/concepts/security/pod-security-standards) rule by rule, and to
 * what {@code serve} needs: a writable temporary directory under a read-only root, probes, a drain,
 * Secrets only by reference, a NetworkPolicy, and a config file unstuck accepts. No cluster here: the
 * overlays are rendered by {@link Kustomized}; where kubectl is installed, its rendering is compared too.
 */
class KubernetesManifestsTest {
    static final Path KUBERNETES = DeployFilesTest.DEPLOY.resolve("kubernetes");
    /** The volume types the restricted profile allows. */
    static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim",
            "projected", "secret");

    @TempDir
    Path home;

    static List<JsonNode> overlay(String name) throws Exception {
        return Kustomized.render(KUBERNETES.resolve("overlays").resolve(name));
    }

    static JsonNode deployment(List<JsonNode> docs) {
        return Kustomized.find(docs, "Deployment", "unstuck").orElseThrow(() -> new AssertionError("no Deployment unstuck"));
    }

    static JsonNode pod(String overlay) throws Exception {
        return deployment(overlay(overlay)).at("/spec/template/spec");
    }

    static JsonNode container(String overlay) throws Exception {
        return pod(overlay).at("/containers/0");
    }

    /** A container's setting, else the pod's (the profile accepts either place for these). */
    static JsonNode effective(JsonNode pod, JsonNode container, String field) {
        JsonNode own = container.at("/securityContext/" + field);
        return own.isMissingNode() ? pod.at("/securityContext/" + field) : own;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void runsAsANonRootUserWithTheImagesFixedUid(String overlay) throws Exception {
        JsonNode pod = pod(overlay);
        int imageUid = DeployFilesTest.imageUid();

        for (JsonNode c : Kustomized.containers(deployment(overlay(overlay)))) {
            assertThat(effective(pod, c, "runAsNonRoot").asBoolean()).as("runAsNonRoot of %s", c.path("name")).isTrue();
            assertThat(effective(pod, c, "runAsUser").asInt()).as("runAsUser of %s", c.path("name")).isEqualTo(imageUid).isNotZero();
        }
        assertThat(pod.at("/securityContext/runAsGroup").asInt()).isEqualTo(imageUid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void usesTheRuntimesDefaultSeccompProfile(String overlay) throws Exception {
        JsonNode pod = pod(overlay);

        for (JsonNode c : Kustomized.containers(deployment(overlay(overlay)))) {
            assertThat(effective(pod, c, "seccompProfile").path("type").asText()).as("seccomp of %s", c.path("name"))
                    .isIn("RuntimeDefault", "Localhost");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void forbidsPrivilegeEscalationAndDropsEveryCapability(String overlay) throws Exception {
        for (JsonNode c : Kustomized.containers(deployment(overlay(overlay)))) {
            JsonNode sc = c.path("securityContext");
            assertThat(sc.path("allowPrivilegeEscalation").isBoolean() && !sc.path("allowPrivilegeEscalation").asBoolean())
                    .as("allowPrivilegeEscalation: false on %s", c.path("name")).isTrue();
            assertThat(sc.path("privileged").asBoolean(false)).isFalse();
            assertThat(sc.at("/capabilities/drop").toString()).contains("\"ALL\"");
            List<String> added = new ArrayList<>();
            sc.at("/capabilities/add").forEach(a -> added.add(a.asText()));
            assertThat(added).as("the profile allows adding only NET_BIND_SERVICE").isSubsetOf("NET_BIND_SERVICE");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void sharesNothingWithTheHost(String overlay) throws Exception {
        JsonNode pod = pod(overlay);

        for (String field : List.of("hostNetwork", "hostPID", "hostIPC", "hostUsers")) {
            assertThat(pod.path(field).asBoolean(false)).as(field).isFalse();
        }
        for (JsonNode c : Kustomized.containers(deployment(overlay(overlay)))) {
            c.path("ports").forEach(p -> assertThat(p.has("hostPort")).as("hostPort on %s", p).isFalse());
        }
        pod.path("volumes").forEach(v -> assertThat(v.has("hostPath")).as("hostPath volume %s", v.path("name")).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void mountsOnlyVolumeTypesTheProfileAllows(String overlay) throws Exception {
        for (JsonNode v : pod(overlay).path("volumes")) {
            Set<String> types = new TreeSet<>();
            v.fieldNames().forEachRemaining(types::add);
            types.remove("name");
            assertThat(types).as("volume %s", v.path("name")).hasSize(1).isSubsetOf(RESTRICTED_VOLUMES);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void writesOnlyToVolumesUnderAReadOnlyRootWithTmpOnAnEmptyDir(String overlay) throws Exception {
        JsonNode pod = pod(overlay);
        JsonNode c = container(overlay);
        Map<String, JsonNode> volumes = new HashMap<>();
        pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        Map<String, String> env = env(c);

        assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        JsonNode tmp = mount(c, "/tmp").orElseThrow(() -> new AssertionError("nothing mounted at /tmp"));
        assertThat(volumes.get(tmp.path("name").asText()).has("emptyDir")).isTrue();
        assertThat(tmp.path("readOnly").asBoolean(false)).isFalse();
        // SQLite's temporary files follow TMPDIR; the JVM's (and the SQLite driver's native library) java.io.tmpdir.
        assertThat(env).containsEntry("TMPDIR", "/tmp");
        assertThat(DeployFilesTest.dockerfile()).contains("-Djava.io.tmpdir=/tmp");
        assertThat(mount(c, "/var/lib/unstuck")).as("the working directory is writable").isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void startsStopsAndIsProbedOnTheManagementPort(String overlay) throws Exception {
        JsonNode pod = pod(overlay);
        JsonNode c = container(overlay);

        assertThat(c.at("/startupProbe/httpGet/path").asText()).isEqualTo("/healthz");
        assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
        assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(c.at("/" + probe + "/httpGet/port").asText()).as(probe).isEqualTo("management");
        }
        JsonNode preStop = c.at("/lifecycle/preStop/exec/command");
        assertThat(preStop.toString()).isEqualTo("[\"sleep\",\"5\"]");
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).as("room for the pause and the drain").isGreaterThanOrEqualTo(30);
        assertThat(c.at("/resources/limits/memory").asText()).isNotEmpty();
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void takesSecretsOnlyByReferenceAndTheConfigNamesNoOtherVariable(String overlay) throws Exception {
        List<JsonNode> docs = overlay(overlay);
        JsonNode c = container(overlay);
        String config = Kustomized.find(docs, "ConfigMap", "unstuck-config").orElseThrow().at("/data/config.yaml").asText();
        Set<String> fromSecrets = new TreeSet<>();
        c.path("env").forEach(e -> {
            if (e.at("/valueFrom/secretKeyRef/name").asText().equals("unstuck-credentials")) {
                fromSecrets.add(e.path("name").asText());
            }
        });
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(config);
        while (m.find()) {
            named.add(m.group(1));
        }

        assertThat(Kustomized.ofKind(docs, "Secret")).as("no Secret with values in the manifests").isEmpty();
        assertThat(named).isNotEmpty().isSubsetOf(fromSecrets);
        assertThat(c.has("envFrom")).isFalse();
        c.path("env").forEach(e -> {
            if (!e.has("valueFrom")) {
                assertThat(e.path("name").asText()).as("a literal env value named like a secret").doesNotContainPattern("(?i)secret|password|token");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void theConfigMapIsAConfigUnstuckAcceptsListeningWhereThePortsPoint(String overlay) throws Exception {
        List<JsonNode> docs = overlay(overlay);
        JsonNode c = container(overlay);
        Path file = home.resolve("config.yaml");
        Files.writeString(file, Kustomized.find(docs, "ConfigMap", "unstuck-config").orElseThrow().at("/data/config.yaml").asText());
        Map<String, String> env = new HashMap<>();
        c.path("env").forEach(e -> env.put(e.path("name").asText(), e.has("valueFrom") ? "from-the-secret" : e.path("value").asText()));

        ConfigFile loaded = new ConfigLoader(env).load(Optional.of(file), home);

        assertThat(loaded.orgs()).containsKey("acme");
        Map<String, Integer> ports = new HashMap<>();
        c.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        assertThat(loaded.service().managementPort()).contains(ports.get("management"));
        assertThat(loaded.service().port()).contains(ports.get("api"));
        assertThat(c.path("args").toString()).contains("\"serve\"").contains("/etc/unstuck/config.yaml");
        assertThat(mount(c, "/etc/unstuck")).isPresent();
        assertThat(loaded.auditDb()).as("an explicit audit location").isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aNetworkPolicyLimitsTrafficBothWays(String overlay) throws Exception {
        List<JsonNode> docs = overlay(overlay);
        JsonNode selector = deployment(docs).at("/spec/template/metadata/labels");
        JsonNode policy = Kustomized.find(docs, "NetworkPolicy", "unstuck").orElseThrow();

        assertThat(policy.at("/spec/podSelector/matchLabels")).isEqualTo(selector);
        assertThat(policy.at("/spec/policyTypes").toString()).contains("Ingress").contains("Egress");
        assertThat(policy.at("/spec/egress").toString()).contains("443").contains("53");
        assertThat(Kustomized.find(docs, "Service", "unstuck").orElseThrow().at("/spec/selector")).isEqualTo(deployment(docs).at("/spec/selector/matchLabels"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void pullsAnImageByRegistryNameAndTag(String overlay) throws Exception {
        String image = container(overlay).path("image").asText();

        assertThat(image).matches("[a-z0-9.-]+\\.[a-z]+(:\\d+)?/[a-z0-9/_.-]+:[0-9][A-Za-z0-9._-]*").doesNotEndWith(":latest");
    }

    @Test
    void theSqliteOverlayRunsOneReplicaWithItsAuditOnAPersistentVolume() throws Exception {
        List<JsonNode> docs = overlay("sqlite");
        JsonNode deployment = deployment(docs);
        JsonNode c = container("sqlite");
        String config = Kustomized.find(docs, "ConfigMap", "unstuck-config").orElseThrow().at("/data/config.yaml").asText();
        JsonNode data = mount(c, "/var/lib/unstuck").orElseThrow();
        JsonNode volume = find((ArrayNode) deployment.at("/spec/template/spec/volumes"), data.path("name").asText());

        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(deployment.at("/spec/strategy/type").asText()).as("the old pod lets go of the file first").isEqualTo("Recreate");
        assertThat(config).contains("db: /var/lib/unstuck/audit.db");
        assertThat(volume.has("emptyDir")).isFalse();
        String claim = volume.at("/persistentVolumeClaim/claimName").asText();
        assertThat(Kustomized.find(docs, "PersistentVolumeClaim", claim)).isPresent();
        assertThat(Kustomized.ofKind(docs, "PodDisruptionBudget")).as("a PDB on one replica only blocks drains").isEmpty();
    }

    @Test
    void thePostgresOverlayRunsTwoReplicasThatADisruptionBudgetKeepsOneOf() throws Exception {
        List<JsonNode> docs = overlay("postgres");
        JsonNode deployment = deployment(docs);
        JsonNode pdb = Kustomized.ofKind(docs, "PodDisruptionBudget").get(0);

        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
        assertThat(env(container("postgres"))).containsKey("UNSTUCK_AUDIT_DB");
        assertThat(Kustomized.find(docs, "NetworkPolicy", "unstuck-postgres").orElseThrow().at("/spec/egress").toString()).contains("5432");
    }

    /** Where kubectl is installed, its own rendering applies the same pod security settings as the tests' renderer. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void kubectlRendersTheSamePodAsTheTestsRenderer(String overlay) throws Exception {
        Optional<Path> kubectl = onPath("kubectl");
        Assumptions.assumeTrue(kubectl.isPresent(), "kubectl is not installed; skipped (the rules above hold the tests' rendering)");
        Process p = new ProcessBuilder(kubectl.get().toString(), "kustomize", KUBERNETES.resolve("overlays").resolve(overlay).toString())
                .redirectErrorStream(false).start();
        String yaml = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        Assumptions.assumeTrue(p.exitValue() == 0, "this kubectl cannot render the overlay (too old a Kustomize?); skipped");
        Path rendered = home.resolve("rendered.yaml");
        Files.writeString(rendered, yaml);
        JsonNode theirs = deployment(Kustomized.documents(rendered));
        JsonNode ours = deployment(overlay(overlay));

        assertThat(theirs.at("/spec/replicas")).isEqualTo(ours.at("/spec/replicas"));
        assertThat(theirs.at("/spec/template/spec/securityContext")).isEqualTo(ours.at("/spec/template/spec/securityContext"));
        assertThat(theirs.at("/spec/template/spec/containers/0/securityContext")).isEqualTo(ours.at("/spec/template/spec/containers/0/securityContext"));
        assertThat(theirs.at("/spec/template/spec/containers/0/image")).isEqualTo(ours.at("/spec/template/spec/containers/0/image"));
        assertThat(theirs.at("/spec/template/spec/volumes").size()).isEqualTo(ours.at("/spec/template/spec/volumes").size());
    }

    static Optional<Path> onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        return env;
    }

    private static Optional<JsonNode> mount(JsonNode container, String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(path)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static JsonNode find(ArrayNode list, String name) {
        for (JsonNode item : list) {
            if (item.path("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no " + name);
    }
}
