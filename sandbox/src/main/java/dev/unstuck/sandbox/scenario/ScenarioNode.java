package dev.unstuck.sandbox.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.ScenarioException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/** A JSON object of a scenario with its path ({@code guests[3]}), so every complaint says where. */
public record ScenarioNode(JsonNode node, String path) {
    public ScenarioException problem(String field, String what) {
        return new ScenarioException(where(field) + ": " + what);
    }

    public String where(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    public ScenarioNode requireObject() {
        if (!node.isObject()) {
            throw new ScenarioException((path.isEmpty() ? "scenario" : path) + ": expected a JSON object");
        }
        return this;
    }

    public void allowOnly(Set<String> fields) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw problem(name, "unknown field (expected one of " + String.join(", ", fields) + ")");
            }
        }
    }

    public boolean has(String field) {
        return node.hasNonNull(field);
    }

    public Optional<String> text(String field) {
        return value(field).map(v -> {
            if (!v.isTextual() || v.asText().isBlank()) {
                throw problem(field, "expected a non-empty string, got " + v);
            }
            return v.asText();
        });
    }

    public String requiredText(String field) {
        return text(field).orElseThrow(() -> problem(field, "is required"));
    }

    public Optional<Long> number(String field, long min, long max) {
        return value(field).map(v -> {
            if (!v.canConvertToLong() || !v.isIntegralNumber()) {
                throw problem(field, "expected a whole number, got " + v);
            }
            return within(field, v.asLong(), min, max);
        });
    }

    public Optional<Boolean> bool(String field) {
        return value(field).map(v -> {
            if (!v.isBoolean()) {
                throw problem(field, "expected true or false, got " + v);
            }
            return v.asBoolean();
        });
    }

    public Optional<Double> decimal(String field, double min, double max) {
        return value(field).map(v -> {
            if (!v.isNumber()) {
                throw problem(field, "expected a number, got " + v);
            }
            return within(field, v.asDouble(), min, max);
        });
    }

    public Optional<ScenarioNode> object(String field) {
        return value(field).map(v -> new ScenarioNode(v, where(field)).requireObject());
    }

    /** The field's value; empty when it is absent or null. */
    private Optional<JsonNode> value(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    private <N extends Comparable<N>> N within(String field, N n, N min, N max) {
        if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
            throw problem(field, n + " is out of range (" + min + ".." + max + ")");
        }
        return n;
    }

    /** The objects of an array field; empty when absent. */
    public List<ScenarioNode> objects(String field) {
        return items(field, "expected an array", (v, at) -> new ScenarioNode(v, at).requireObject());
    }

    /** The strings of an array field; empty when absent. */
    public List<String> texts(String field) {
        return items(field, "expected an array of strings", (v, at) -> {
            if (!v.isTextual()) {
                throw new ScenarioException(at + ": expected a string, got " + v);
            }
            return v.asText();
        });
    }

    /** Each item of an array field, read by {@code item} with its place ({@code field[i]}); empty when absent. */
    private <T> List<T> items(String field, String notAnArray, BiFunction<JsonNode, String, T> item) {
        List<T> out = new ArrayList<>();
        Optional<JsonNode> v = value(field);
        if (v.isEmpty()) {
            return out;
        }
        if (!v.get().isArray()) {
            throw problem(field, notAnArray);
        }
        for (int i = 0; i < v.get().size(); i++) {
            out.add(item.apply(v.get().get(i), where(field) + "[" + i + "]"));
        }
        return out;
    }
}
