package dev.unstuck.app.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.core.genesys.GenesysId;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The shape of a JSON answer: field names and value types, never values. An object becomes an object of
 * its fields' shapes (sorted), an array a one-element array of its elements' merged shape (empty when it
 * was empty), a value its type: {@code string}, {@code string(date-time)}, {@code string(uuid)},
 * {@code integer}, {@code number}, {@code boolean}, {@code null}. Objects keyed by data (custom
 * attributes, error parameters) become {@code map}, so no name from the org's data is kept.
 */
public final class Shapes {
    /** Fields whose keys are data, not schema. */
    static final Set<String> MAPS = Set.of("attributes", "messageParams", "objectCounts", "customAttributes", "schema",
            "conversationRoutingData", "additionalProperties");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})");

    private final ObjectMapper json;

    public Shapes(ObjectMapper json) {
        this.json = json;
    }

    public JsonNode of(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return json.getNodeFactory().textNode("null");
        }
        if (value.isObject()) {
            ObjectNode out = json.createObjectNode();
            TreeSet<String> names = new TreeSet<>();
            value.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode field = value.get(name);
                out.set(name, MAPS.contains(name) && field.isObject() ? json.getNodeFactory().textNode("map") : of(field));
            }
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = json.createArrayNode();
            JsonNode merged = null;
            for (JsonNode element : value) {
                merged = merged == null ? of(element) : merge(merged, of(element));
            }
            if (merged != null) {
                out.add(merged);
            }
            return out;
        }
        return json.getNodeFactory().textNode(scalar(value));
    }

    private static String scalar(JsonNode value) {
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        String text = value.asText();
        if (DATE_TIME.matcher(text).matches()) {
            return "string(date-time)";
        }
        if (GenesysId.isValid(text)) {
            return "string(uuid)";
        }
        return "string";
    }

    /** Two shapes as one: objects by the union of their fields, differing types as {@code a|b}. */
    JsonNode merge(JsonNode a, JsonNode b) {
        if (a.equals(b)) {
            return a;
        }
        if (a.isObject() && b.isObject()) {
            ObjectNode out = json.createObjectNode();
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                out.set(name, !a.has(name) ? b.get(name) : !b.has(name) ? a.get(name) : merge(a.get(name), b.get(name)));
            }
            return out;
        }
        if (a.isArray() && b.isArray()) {
            ArrayNode out = json.createArrayNode();
            if (a.isEmpty() || b.isEmpty()) {
                out.addAll(a.isEmpty() ? (ArrayNode) b : (ArrayNode) a);
            } else {
                out.add(merge(a.get(0), b.get(0)));
            }
            return out;
        }
        TreeSet<String> types = new TreeSet<>();
        types.addAll(List.of(describe(a).split("\\|")));
        types.addAll(List.of(describe(b).split("\\|")));
        return json.getNodeFactory().textNode(String.join("|", types));
    }

    static String describe(JsonNode shape) {
        if (shape.isObject()) {
            return "object";
        }
        if (shape.isArray()) {
            return "array";
        }
        return shape.asText();
    }

    /** Where two shapes differ, as one line each: {@code path: only in A (type)} or {@code path: A type vs B type}. */
    static List<String> differences(String path, JsonNode a, JsonNode b, String aName, String bName) {
        List<String> out = new ArrayList<>();
        if (a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String at = path.isEmpty() ? name : path + "." + name;
                if (!b.has(name)) {
                    out.add(at + ": only in " + aName + " (" + describe(a.get(name)) + ")");
                } else if (!a.has(name)) {
                    out.add(at + ": only in " + bName + " (" + describe(b.get(name)) + ")");
                } else {
                    out.addAll(differences(at, a.get(name), b.get(name), aName, bName));
                }
            }
            return out;
        }
        if (a.isArray() && b.isArray()) {
            // An empty list says nothing about its elements.
            if (!a.isEmpty() && !b.isEmpty()) {
                out.addAll(differences(path + "[]", a.get(0), b.get(0), aName, bName));
            }
            return out;
        }
        if (!describe(a).equals(describe(b))) {
            out.add((path.isEmpty() ? "(body)" : path) + ": " + aName + " " + describe(a) + " vs " + bName + " " + describe(b));
        }
        return out;
    }
}
