package dev.unstuck.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.unstuck.app.cli.ExitCode;
import dev.unstuck.app.cli.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML config file. Values may reference environment variables as {@code ${NAME}} so
 * secrets need not be written into the file.
 */
public final class ConfigLoader {
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final List<String> TOP_LEVEL = List.of("defaultOrg", "orgs", "policy", "audit", "detection");
    private static final List<String> ORG_KEYS = List.of("region", "clientId", "clientSecret", "requestsPerMinute", "detection");
    private static final List<String> POLICY_KEYS = List.of("teardownAsLastResort", "teardownWhenOnlyWrapupPending", "maxReplans");

    private final Map<String, String> env;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** The file named explicitly, else $UNSTUCK_CONFIG, else ~/.unstuck/config.yaml if it exists. */
    public ConfigFile load(Optional<Path> explicit, Path home) {
        Optional<Path> path = explicit.or(() -> Optional.ofNullable(env.get("UNSTUCK_CONFIG")).filter(s -> !s.isBlank()).map(Path::of));
        if (path.isEmpty()) {
            Path fallback = home.resolve(".unstuck").resolve("config.yaml");
            if (!Files.exists(fallback)) {
                return ConfigFile.empty();
            }
            path = Optional.of(fallback);
        }
        return read(path.get());
    }

    ConfigFile read(Path path) {
        JsonNode root;
        try {
            root = yaml.readTree(Files.readString(path));
        } catch (java.nio.file.NoSuchFileException e) {
            throw problem(path, "the file does not exist");
        } catch (IOException e) {
            throw problem(path, firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ConfigFile(Optional.of(path), Map.of(), Optional.empty(), PolicySettings.defaults(), Optional.empty(),
                    DetectionSettings.defaults());
        }
        if (!root.isObject()) {
            throw problem(path, "expected a mapping with 'orgs', 'defaultOrg', 'policy', 'audit', 'detection'");
        }
        checkKeys(path, root, TOP_LEVEL, "top level");
        DetectionReader detection = new DetectionReader(path);
        DetectionReader.Section topDetection = detection.section(root.path("detection"), "detection");
        Map<String, OrgProfile> orgs = new LinkedHashMap<>();
        Map<String, DetectionReader.Section> orgDetection = new LinkedHashMap<>();
        JsonNode orgsNode = root.path("orgs");
        if (!orgsNode.isMissingNode()) {
            if (!orgsNode.isObject()) {
                throw problem(path, "'orgs' must map org names to their settings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = orgsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                orgs.put(entry.getKey(), org(path, entry.getKey(), entry.getValue()));
                orgDetection.put(entry.getKey(),
                        detection.section(entry.getValue().path("detection"), "orgs." + entry.getKey() + ".detection"));
            }
        }
        Optional<String> defaultOrg = text(path, root, "defaultOrg");
        if (defaultOrg.isPresent() && !orgs.containsKey(defaultOrg.get())) {
            throw problem(path, "defaultOrg '" + defaultOrg.get() + "' is not one of the orgs " + orgs.keySet());
        }
        PolicySettings policy = policy(path, root.path("policy"));
        Optional<String> auditDb = text(path, root.path("audit"), "db");
        return new ConfigFile(Optional.of(path), Map.copyOf(orgs), defaultOrg, policy, auditDb,
                detectionSettings(detection, topDetection, orgDetection));
    }

    /** Every org's policy is built now, so a bad value fails when the file is read, whichever org is used. */
    private static DetectionSettings detectionSettings(DetectionReader reader, DetectionReader.Section top,
                                                       Map<String, DetectionReader.Section> byOrg) {
        Map<String, dev.unstuck.core.detect.Policy> policies = new LinkedHashMap<>();
        byOrg.forEach((org, section) -> policies.put(org, reader.policy(section.over(top), "orgs." + org + ".detection")));
        return new DetectionSettings(reader.policy(top, "detection"), policies);
    }

    private OrgProfile org(Path path, String name, JsonNode node) {
        if (!node.isObject()) {
            throw problem(path, "org '" + name + "' must be a mapping with region, clientId, clientSecret");
        }
        checkKeys(path, node, ORG_KEYS, "org '" + name + "'");
        String region = text(path, node, "region").orElseThrow(() -> problem(path, "org '" + name + "' has no region"));
        String clientId = text(path, node, "clientId").orElseThrow(() -> problem(path, "org '" + name + "' has no clientId"));
        Optional<String> secret = text(path, node, "clientSecret");
        int rpm = node.path("requestsPerMinute").asInt(OrgProfile.DEFAULT_REQUESTS_PER_MINUTE);
        if (rpm <= 0) {
            throw problem(path, "org '" + name + "': requestsPerMinute must be a positive number");
        }
        return new OrgProfile(name, region, clientId, secret, rpm);
    }

    private PolicySettings policy(Path path, JsonNode node) {
        PolicySettings defaults = PolicySettings.defaults();
        if (node.isMissingNode()) {
            return defaults;
        }
        checkKeys(path, node, POLICY_KEYS, "policy");
        return new PolicySettings(
                node.path("teardownAsLastResort").asBoolean(defaults.teardownAsLastResort()),
                node.path("teardownWhenOnlyWrapupPending").asBoolean(defaults.teardownWhenOnlyWrapupPending()),
                node.path("maxReplans").asInt(defaults.maxReplans()));
    }

    private Optional<String> text(Path path, JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw problem(path, "'" + field + "' must be a single value");
        }
        return Optional.of(expand(path, value.asText()));
    }

    private String expand(Path path, String value) {
        Matcher m = ENV_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String replacement = env.get(variable);
            if (replacement == null) {
                throw problem(path, "it refers to ${" + variable + "}, which is not set in the environment");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static void checkKeys(Path path, JsonNode node, Collection<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                String meant = allowed.stream().filter(key::equalsIgnoreCase).findFirst()
                        .map(k -> "did you mean '" + k + "'? ").orElse("");
                throw problem(path, "unknown key '" + key + "' at " + where + " (" + meant + "expected one of " + allowed + ")");
            }
        }
    }

    static UserError problem(Path path, String what) {
        return new UserError(ExitCode.CONFIG, "cannot use config file " + path + ": " + what);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
