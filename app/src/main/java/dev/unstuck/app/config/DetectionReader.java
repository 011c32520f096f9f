package dev.unstuck.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.QueuePolicy;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code detection:} sections (top level and per org) and merges them into {@link Policy}s. Every
 * value is checked where it is written, so a mistake is reported with its place in the file
 * ({@code orgs.prod.detection.queues.Support.maxWait}) rather than as a merged result.
 */
final class DetectionReader {
    static final List<String> SECTION_KEYS = List.of("maxWait", "loop", "orphanAfter", "idleAfter", "minAge", "allowQueues",
            "denyQueues", "limit", "queues");
    static final List<String> QUEUE_KEYS = List.of("maxWait", "loop", "orphanAfter", "idleAfter", "minAge");
    static final List<String> LOOP_KEYS = List.of("passes", "window", "nearCaps");

    private final ConfigSource source;

    DetectionReader(ConfigSource source) {
        this.source = source;
    }

    /**
     * The rule values one section or queue sets; an empty one is inherited. {@code idleAfter} holds an
     * empty Optional inside when the section turns idle detection off.
     */
    record Rules(Optional<Duration> maxWait, Optional<Integer> loopPasses, Optional<Duration> loopWindow,
                 Optional<Double> nearCaps, Optional<Duration> orphanAfter, Optional<Optional<Duration>> idleAfter,
                 Optional<Duration> minAge) {

        static final Rules NONE = new Rules(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());

        /** These values where set, the base's elsewhere. */
        Rules over(Rules base) {
            return new Rules(maxWait.or(base::maxWait), loopPasses.or(base::loopPasses), loopWindow.or(base::loopWindow),
                    nearCaps.or(base::nearCaps), orphanAfter.or(base::orphanAfter), idleAfter.or(base::idleAfter),
                    minAge.or(base::minAge));
        }

        QueuePolicy applyTo(QueuePolicy base) {
            return new QueuePolicy(maxWait.orElse(base.maxWait()), loopPasses.orElse(base.loopPasses()),
                    loopWindow.orElse(base.loopWindow()), nearCaps.orElse(base.nearCaps()), orphanAfter.orElse(base.orphanAfter()),
                    idleAfter.orElse(base.idleAfter()), minAge.orElse(base.minAge()));
        }
    }

    /** One entry of {@code queues:}, with the queue name or id as written. */
    record Queue(String name, Rules rules) {
    }

    /** One {@code detection:} section; queues are keyed as {@link Policy} keys them (trimmed, lower case). */
    record Section(Rules rules, Map<String, Queue> queues, Optional<Set<String>> allowQueues, Optional<Set<String>> denyQueues,
                   Optional<Integer> limit) {

        static final Section NONE = new Section(Rules.NONE, Map.of(), Optional.empty(), Optional.empty(), Optional.empty());

        /**
         * This section over a base one, field by field; a queue named in both gets this section's values
         * over the base's, field by field too. Lists are replaced, not joined.
         */
        Section over(Section base) {
            Map<String, Queue> merged = new LinkedHashMap<>(base.queues);
            queues.forEach((key, queue) -> merged.merge(key, queue,
                    (inherited, own) -> new Queue(own.name(), own.rules().over(inherited.rules()))));
            return new Section(rules.over(base.rules), merged, allowQueues.or(base::allowQueues), denyQueues.or(base::denyQueues),
                    limit.or(base::limit));
        }
    }

    Section section(JsonNode node, Place where) {
        if (absent(node)) {
            return Section.NONE;
        }
        if (!node.isObject()) {
            throw problem(where, "must be a mapping with some of " + SECTION_KEYS);
        }
        refuseForce(node, where);
        ConfigLoader.checkKeys(source, node, SECTION_KEYS, where);
        return new Section(rules(node, where), queues(node.path("queues"), where.child("queues")),
                queueList(node.path("allowQueues"), where.child("allowQueues")),
                queueList(node.path("denyQueues"), where.child("denyQueues")),
                wholeNumber(node.path("limit"), where.child("limit"), 1,
                        "is not a positive whole number; write how many conversations one run may end at most, e.g. 500"));
    }

    /** The policy a section gives: its rules over the defaults, each queue's rules over those. */
    Policy policy(Section section, Place where) {
        QueuePolicy rules = build(section.rules(), QueuePolicy.defaults(), where);
        Map<String, QueuePolicy> byQueue = new LinkedHashMap<>();
        for (Queue queue : section.queues().values()) {
            byQueue.put(queue.name(), build(queue.rules(), rules, where.child("queues").child(queue.name())));
        }
        try {
            return new Policy(rules, byQueue, section.allowQueues().orElse(Set.of()), section.denyQueues().orElse(Set.of()),
                    section.limit().orElse(Policy.defaults().limit()), false);
        } catch (IllegalArgumentException e) {
            throw problem(where, e.getMessage());
        }
    }

    private QueuePolicy build(Rules rules, QueuePolicy base, Place where) {
        try {
            return rules.applyTo(base);
        } catch (IllegalArgumentException e) {
            throw problem(where, e.getMessage());
        }
    }

    private Rules rules(JsonNode node, Place where) {
        JsonNode loop = node.path("loop"); // absent or null: every loop.* is missing too
        if (!absent(loop)) {
            if (!loop.isObject()) {
                throw problem(where.child("loop"), "must be a mapping with some of " + LOOP_KEYS + ", like { passes: 3, window: 1h }");
            }
            ConfigLoader.checkKeys(source, loop, LOOP_KEYS, where.child("loop"));
        }
        return new Rules(
                duration(node.path("maxWait"), where.child("maxWait"), false),
                wholeNumber(loop.path("passes"), where.child("loop").child("passes"), 2,
                        "is not a whole number of at least 2 (one pass is just queueing); e.g. 3"),
                duration(loop.path("window"), where.child("loop").child("window"), false),
                share(loop.path("nearCaps"), where.child("loop").child("nearCaps")),
                duration(node.path("orphanAfter"), where.child("orphanAfter"), true),
                idleAfter(node.path("idleAfter"), where.child("idleAfter")),
                duration(node.path("minAge"), where.child("minAge"), true));
    }

    private Map<String, Queue> queues(JsonNode node, Place where) {
        if (absent(node)) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw problem(where, "must map queue names or ids to their rules, like Support: { maxWait: 15m }");
        }
        Map<String, Queue> queues = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            Place at = where.child(name);
            if (name.isBlank()) {
                throw problem(where, "a queue name is empty");
            }
            JsonNode value = entry.getValue();
            Rules rules;
            if (absent(value)) {
                rules = Rules.NONE;
            } else if (!value.isObject()) {
                throw problem(at, "must be a mapping with some of " + QUEUE_KEYS + ", like { maxWait: 15m }");
            } else {
                refuseForce(value, at);
                ConfigLoader.checkKeys(source, value, QUEUE_KEYS, at);
                rules = rules(value, at);
            }
            Queue earlier = queues.put(key(name), new Queue(name.trim(), rules));
            if (earlier != null) {
                throw problem(where, "'" + earlier.name() + "' and '" + name.trim()
                        + "' name the same queue (queue names are not case-sensitive); keep one");
            }
        }
        return queues;
    }

    private Optional<Set<String>> queueList(JsonNode node, Place where) {
        if (absent(node)) {
            return Optional.empty();
        }
        String expected = "must be a list of queue names or ids, like [Support, Billing]";
        if (!node.isArray()) {
            throw problem(where, expected);
        }
        Set<String> queues = new LinkedHashSet<>();
        for (JsonNode element : node) {
            if (!element.isValueNode() || element.isNull()) {
                throw problem(where, expected);
            }
            if (element.asText().isBlank()) {
                throw problem(where, "a queue name is empty");
            }
            queues.add(element.asText().trim());
        }
        return Optional.of(Set.copyOf(queues));
    }

    private Optional<Duration> duration(JsonNode node, Place where, boolean zeroAllowed) {
        return ConfigLoader.duration(source, node, where, zeroAllowed);
    }

    /** {@code off} (YAML may read it as the boolean false) or a duration above zero. */
    private Optional<Optional<Duration>> idleAfter(JsonNode node, Place where) {
        if (absent(node)) {
            return Optional.empty();
        }
        boolean off = node.isBoolean() ? !node.booleanValue() : node.isTextual() && node.asText().trim().equalsIgnoreCase("off");
        if (off) {
            return Optional.of(Optional.empty());
        }
        if (node.isBoolean()) {
            throw problem(where, "'" + node.asText() + "' is neither off nor a duration; write off or a duration like "
                    + ConfigLoader.DURATION_EXAMPLES);
        }
        try {
            return Optional.of(duration(node, where, false));
        } catch (ConfigError e) {
            throw new ConfigError(e.getMessage() + " (or off)");
        }
    }

    private Optional<Integer> wholeNumber(JsonNode node, Place where, int least, String rule) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < least) {
            throw problem(where, shown(node) + " " + rule);
        }
        return Optional.of(node.intValue());
    }

    private Optional<Double> share(JsonNode node, Place where) {
        if (absent(node)) {
            return Optional.empty();
        }
        double value = node.isNumber() ? node.doubleValue() : Double.NaN;
        if (!(value > 0 && value <= 1)) {
            throw problem(where, shown(node) + " is not a share above 0 and at most 1; write it like 0.8");
        }
        return Optional.of(value);
    }

    private void refuseForce(JsonNode node, Place where) {
        if (node.has("force")) {
            throw problem(where.child("force"), "force cannot be set in the config file; use --force on the command line");
        }
    }

    private ConfigError problem(Place where, String what) {
        return source.problem(where, what);
    }

    private static boolean absent(JsonNode node) {
        return ConfigLoader.absent(node);
    }

    private static String shown(JsonNode node) {
        return ConfigLoader.shown(node);
    }

    /** As {@link Policy} keys queues, so two spellings of one queue are caught here. */
    private static String key(String queue) {
        return queue.trim().toLowerCase(Locale.ROOT);
    }
}
