package dev.unstuck.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.unstuck.core.detect.Durations;
import dev.unstuck.core.genesys.ClientSettings;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML config file. Values may reference environment variables as {@code ${NAME}} so
 * secrets need not be written into the file. Nothing is coerced: a value of the wrong type or out of
 * range is refused with its file, line and key path and what is expected, because a silently rounded,
 * wrapped or defaulted number changes what unstuck ends.
 */
public final class ConfigLoader {
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final List<String> TOP_LEVEL = List.of("defaultOrg", "orgs", "policy", "audit", "detection", "service", "notify");
    private static final List<String> ORG_KEYS = List.of("region", "clientId", "clientSecret", "requestsPerMinute",
            "reservedForActsPercent", "detection", "signIn");
    private static final List<String> SIGN_IN_KEYS = List.of("clientId", "clientSecret", "forceRole");
    private static final List<String> POLICY_KEYS = List.of("teardownAsLastResort", "teardownWhenOnlyWrapupPending", "maxReplans");
    private static final List<String> AUDIT_KEYS = List.of("db");
    /** 100,000 a minute is far above any org's limit; a larger number is a typo. */
    static final int MAX_REQUESTS_PER_MINUTE = 100_000;
    /** Each re-plan costs a look and acts; beyond 20 a conflict is not going away. */
    static final int MAX_REPLANS = 20;
    static final String DURATION_EXAMPLES = "90s, 30m, 2h, 1h30m or 2d";
    private static final Set<PosixFilePermission> OTHERS_READ = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private final Map<String, String> env;
    private final YAMLFactory factory = YAMLFactory.builder().build();
    private final ObjectMapper yaml = new ObjectMapper(factory);

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /**
     * The file named explicitly, else $UNSTUCK_CONFIG, else $XDG_CONFIG_HOME/unstuck/config.yaml (else
     * ~/.config/unstuck/config.yaml) if it exists, else ~/.unstuck/config.yaml (the old place, with a hint).
     */
    public ConfigFile load(Optional<Path> explicit, Path home) {
        Optional<Path> path = explicit.or(() -> Optional.ofNullable(env.get("UNSTUCK_CONFIG")).filter(s -> !s.isBlank()).map(Path::of));
        if (path.isPresent()) {
            return read(path.get());
        }
        Optional<BaseDirectories.Chosen> fallback = new BaseDirectories(home, env).config();
        if (fallback.isEmpty()) {
            return ConfigFile.empty();
        }
        ConfigFile file = read(fallback.get().path());
        return fallback.get().hint().map(file::withWarning).orElse(file);
    }

    ConfigFile read(Path path) {
        ConfigSource source = new ConfigSource(path, KeyLines.none());
        String text;
        try {
            text = Files.readString(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw source.at(0, "the file does not exist");
        } catch (IOException e) {
            throw source.at(0, firstLine(e.getMessage()));
        }
        JsonNode root;
        try (JsonParser parser = factory.createParser(text)) {
            source = new ConfigSource(path, KeyLines.read(parser));
            root = yaml.readTree(text);
        } catch (KeyLines.DuplicateKey e) {
            KeyLines.Duplicate d = e.duplicate();
            throw source.at(d.line(), d.place() + ": written twice (first on line " + d.firstLine() + "); keep one");
        } catch (JsonProcessingException e) {
            throw syntax(source, e);
        } catch (IOException e) {
            throw source.at(0, firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ConfigFile(Optional.of(path), Map.of(), Optional.empty(), PolicySettings.defaults(), Optional.empty(),
                    DetectionSettings.defaults(), ServiceSettings.none(), NotifySettings.none(), List.of());
        }
        if (!root.isObject()) {
            throw source.at(1, "expected a mapping with some of " + TOP_LEVEL);
        }
        checkKeys(source, root, TOP_LEVEL, Place.ROOT);
        DetectionReader detection = new DetectionReader(source);
        DetectionReader.Section topDetection = detection.section(root.path("detection"), Place.of("detection"));
        Map<String, OrgProfile> orgs = new LinkedHashMap<>();
        Map<String, DetectionReader.Section> orgDetection = new LinkedHashMap<>();
        List<Place> literalSecrets = new ArrayList<>();
        JsonNode orgsNode = root.path("orgs");
        if (!absent(orgsNode)) {
            if (!orgsNode.isObject()) {
                throw source.problem(Place.of("orgs"), "must map org names to their settings, like prod: { region: …, clientId: … }");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = orgsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Place at = Place.of("orgs", entry.getKey());
                orgs.put(entry.getKey(), org(source, at, entry.getKey(), entry.getValue()));
                if (isLiteral(entry.getValue().path("clientSecret"))) {
                    literalSecrets.add(at.child("clientSecret"));
                }
                if (isLiteral(entry.getValue().path("signIn").path("clientSecret"))) {
                    literalSecrets.add(at.child("signIn").child("clientSecret"));
                }
                orgDetection.put(entry.getKey(), detection.section(entry.getValue().path("detection"), at.child("detection")));
            }
        }
        Optional<String> defaultOrg = text(source, root, Place.ROOT, "defaultOrg");
        if (defaultOrg.isPresent() && !orgs.containsKey(defaultOrg.get())) {
            throw source.problem(Place.of("defaultOrg"), "'" + defaultOrg.get() + "' is not one of the orgs " + orgs.keySet());
        }
        PolicySettings policy = policy(source, root.path("policy"));
        JsonNode audit = root.path("audit");
        if (!absent(audit) && !audit.isObject()) {
            throw source.problem(Place.of("audit"), "must be a mapping like { db: ~/.local/share/unstuck/audit.db }");
        }
        if (!absent(audit)) {
            checkKeys(source, audit, AUDIT_KEYS, Place.of("audit"));
        }
        Optional<String> auditDb = text(source, audit, Place.of("audit"), "db");
        if (isLiteral(audit.path("db")) && audit.path("db").asText().matches("(?is).*(password=[^&;$]|//[^/@:]+:[^/@$]+@).*")) {
            literalSecrets.add(Place.of("audit", "db"));
        }
        ServiceSettings service = new ServiceReader(source, this).read(root.path("service"));
        NotifySettings notify = new NotifyReader(source, this).read(root.path("notify"));
        JsonNode targets = root.path("notify").path("targets");
        for (int i = 0; i < targets.size(); i++) {
            // A Slack or Teams URL is a secret too: whoever holds it may post to the channel.
            for (String key : List.of("secret", "url")) {
                if (isLiteral(targets.get(i).path(key)) && (key.equals("secret") || !"webhook".equals(targets.get(i).path("type").asText()))) {
                    literalSecrets.add(Place.of("notify", "targets", String.valueOf(i), key));
                }
            }
        }
        return new ConfigFile(Optional.of(path), Map.copyOf(orgs), defaultOrg, policy, auditDb,
                detectionSettings(detection, topDetection, orgDetection), service, notify, readableSecrets(source, literalSecrets));
    }

    /**
     * A warning when the file holds a secret written out (not as ${VAR}) and its group or others may
     * read it: the secret is then as good as shared with every account of the machine.
     */
    private static List<String> readableSecrets(ConfigSource source, List<Place> literalSecrets) {
        if (literalSecrets.isEmpty()) {
            return List.of();
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(source.path());
        } catch (UnsupportedOperationException | IOException e) {
            return List.of(); // no POSIX permissions here (Windows ACLs): nothing we can judge
        }
        if (permissions.stream().noneMatch(OTHERS_READ::contains)) {
            return List.of();
        }
        Place first = literalSecrets.get(0);
        return List.of("warning: config file " + source.path() + " holds a secret written out (" + first + " on line "
                + source.lines().lineOf(first) + (literalSecrets.size() > 1 ? " and " + (literalSecrets.size() - 1) + " more" : "")
                + ") and others can read it (" + java.nio.file.attribute.PosixFilePermissions.toString(permissions)
                + "); run chmod 600 " + source.path() + ", or write the secret as ${SOME_VARIABLE} and set it in the environment");
    }

    private static boolean isLiteral(JsonNode value) {
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                && !ENV_REFERENCE.matcher(value.asText()).find();
    }

    /** Every org's policy is built now, so a bad value fails when the file is read, whichever org is used. */
    private static DetectionSettings detectionSettings(DetectionReader reader, DetectionReader.Section top,
                                                       Map<String, DetectionReader.Section> byOrg) {
        Map<String, dev.unstuck.core.detect.Policy> policies = new LinkedHashMap<>();
        byOrg.forEach((org, section) -> policies.put(org, reader.policy(section.over(top), Place.of("orgs", org, "detection"))));
        return new DetectionSettings(reader.policy(top, Place.of("detection")), policies);
    }

    private OrgProfile org(ConfigSource source, Place at, String name, JsonNode node) {
        if (!node.isObject()) {
            throw source.problem(at, "must be a mapping with region, clientId, clientSecret");
        }
        checkKeys(source, node, ORG_KEYS, at);
        String region = text(source, node, at, "region").orElseThrow(() -> source.problem(at, "has no region"));
        String clientId = text(source, node, at, "clientId").orElseThrow(() -> source.problem(at, "has no clientId"));
        Optional<String> secret = text(source, node, at, "clientSecret");
        int rpm = wholeNumber(source, node.path("requestsPerMinute"), at.child("requestsPerMinute"), 1, MAX_REQUESTS_PER_MINUTE,
                "calls a minute").orElse(OrgProfile.DEFAULT_REQUESTS_PER_MINUTE);
        int reserved = wholeNumber(source, node.path("reservedForActsPercent"), at.child("reservedForActsPercent"), 0,
                ClientSettings.MAX_RESERVED_FOR_ACTS_PERCENT, "percent of requestsPerMinute kept for endings")
                .orElse(ClientSettings.DEFAULT_RESERVED_FOR_ACTS_PERCENT);
        return new OrgProfile(name, region, clientId, secret, rpm, reserved, signIn(source, node.path("signIn"), at.child("signIn")));
    }

    private Optional<OrgProfile.SignIn> signIn(ConfigSource source, JsonNode node, Place at) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw source.problem(at, "must be a mapping like { clientId: <the id of an OAuth client of the Code Authorization grant> }");
        }
        checkKeys(source, node, SIGN_IN_KEYS, at);
        String clientId = text(source, node, at, "clientId").orElseThrow(() -> source.problem(at, "has no clientId"));
        return Optional.of(new OrgProfile.SignIn(clientId, text(source, node, at, "clientSecret"), text(source, node, at, "forceRole")));
    }

    private PolicySettings policy(ConfigSource source, JsonNode node) {
        PolicySettings defaults = PolicySettings.defaults();
        Place at = Place.of("policy");
        if (!mapping(source, node, POLICY_KEYS, at)) {
            return defaults;
        }
        return new PolicySettings(
                bool(source, node.path("teardownAsLastResort"), at.child("teardownAsLastResort")).orElse(defaults.teardownAsLastResort()),
                bool(source, node.path("teardownWhenOnlyWrapupPending"), at.child("teardownWhenOnlyWrapupPending"))
                        .orElse(defaults.teardownWhenOnlyWrapupPending()),
                wholeNumber(source, node.path("maxReplans"), at.child("maxReplans"), 0, MAX_REPLANS, "re-plans after a conflict")
                        .orElse(defaults.maxReplans()));
    }

    /** A whole number within [least, most]; 1.5, text, and numbers beyond an int are refused, never rounded or wrapped. */
    static Optional<Integer> wholeNumber(ConfigSource source, JsonNode node, Place at, int least, int most, String unit) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < least || node.intValue() > most) {
            throw source.problem(at, shown(node) + " is not a whole number from " + least + " to " + most + " (" + unit
                    + "); write it like " + Math.max(least, Math.min(most, 3)) + (node.isTextual() ? ", without quotes" : ""));
        }
        return Optional.of(node.intValue());
    }

    /** A duration like 90s or 1h30m; never negative, and above zero unless {@code zeroAllowed}. */
    static Optional<Duration> duration(ConfigSource source, JsonNode node, Place where, boolean zeroAllowed) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            throw source.problem(where, "expected a duration like " + DURATION_EXAMPLES + ", not " + shown(node));
        }
        Duration value;
        try {
            value = Durations.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw source.problem(where, e.getMessage());
        }
        if (value.isNegative()) {
            throw source.problem(where, "'" + node.asText() + "' is negative; write it like " + DURATION_EXAMPLES);
        }
        if (value.isZero() && !zeroAllowed) {
            throw source.problem(where, "'" + node.asText() + "' must be longer than zero; write it like " + DURATION_EXAMPLES);
        }
        return Optional.of(value);
    }

    static Optional<Boolean> bool(ConfigSource source, JsonNode node, Place at) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw source.problem(at, shown(node) + " is not true or false");
        }
        return Optional.of(node.booleanValue());
    }

    /** Text as written: a YAML number or true/false is refused, since YAML has already changed it (0123 reads as 123). */
    Optional<String> text(ConfigSource source, JsonNode node, Place parent, String field) {
        JsonNode value = node.path(field);
        Place at = parent.child(field);
        if (absent(value)) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw source.problem(at, value.isValueNode()
                    ? shown(value) + " is read by YAML as a " + (value.isBoolean() ? "true/false" : "number")
                            + ", not as text; write it in quotes as it should read, like \"0123\""
                    : "must be a single text value, not " + shown(value));
        }
        return Optional.of(expand(source, at, value.asText()));
    }

    private String expand(ConfigSource source, Place at, String value) {
        Matcher m = ENV_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String replacement = env.get(variable);
            if (replacement == null) {
                throw source.problem(at, "it refers to ${" + variable + "}, which is not set in the environment");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A section written as a mapping of known keys: false when it is not written (the caller takes its
     * default), true when it is a mapping of {@code keys} only; anything else is a problem at {@code at}.
     */
    static boolean mapping(ConfigSource source, JsonNode node, Collection<String> keys, Place at) {
        if (absent(node)) {
            return false;
        }
        if (!node.isObject()) {
            throw source.problem(at, "must be a mapping with some of " + keys);
        }
        checkKeys(source, node, keys, at);
        return true;
    }

    static void checkKeys(ConfigSource source, JsonNode node, Collection<String> allowed, Place where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                String meant = allowed.stream().filter(key::equalsIgnoreCase).findFirst()
                        .map(k -> "did you mean '" + k + "'? ").orElse("");
                throw source.near(where.child(key), "unknown key '" + key + "' at " + where + " (" + meant + "expected one of " + allowed + ")");
            }
        }
    }

    /** A YAML syntax error, with the line the parser stopped at and its own words for the problem. */
    private static ConfigError syntax(ConfigSource source, JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String problem = firstLine(e.getOriginalMessage());
        if (e.getCause() instanceof MarkedYAMLException marked) {
            if (marked.getProblemMark() != null) {
                line = marked.getProblemMark().getLine() + 1;
            }
            if (marked.getProblem() != null) {
                problem = firstLine(marked.getProblem()) + (marked.getContext() == null ? "" : " (" + firstLine(marked.getContext()) + ")");
            }
        }
        return source.at(line, "not valid YAML: " + problem);
    }

    static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    static String shown(JsonNode node) {
        if (node.isValueNode()) {
            return "'" + node.asText() + "'";
        }
        return node.isArray() ? "a list" : "a mapping";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
