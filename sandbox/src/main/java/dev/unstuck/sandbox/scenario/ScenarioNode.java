package dev.unstuck.sandbox.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.ScenarioException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw problem(field, "expected a non-empty string, got " + v);
        }
        return Optional.of(v.asText());
    }

    public String requiredText(String field) {
        return text(field).orElseThrow(() -> problem(field, "is required"));
    }

    public Optional<Long> number(String field, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw problem(field, "expected a whole number, got " + v);
        }
        long n = v.asLong();
        if (n < min || n > max) {
            throw problem(field, n + " is out of range (" + min + ".." + max + ")");
        }
        return Optional.of(n);
    }

    public Optional<Boolean> bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw problem(field, "expected true or false, got " + v);
        }
        return Optional.of(v.asBoolean());
    }

    public Optional<Double> decimal(String field, double min, double max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber()) {
            throw problem(field, "expected a number, got " + v);
        }
        double d = v.asDouble();
        if (d < min || d > max) {
            throw problem(field, d + " is out of range (" + min + ".." + max + ")");
        }
        return Optional.of(d);
    }

    public Optional<ScenarioNode> object(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new ScenarioNode(v, where(field)).requireObject());
    }

    /** The objects of an array field; empty when absent. */
    public List<ScenarioNode> objects(String field) {
        List<ScenarioNode> out = new ArrayList<>();
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw problem(field, "expected an array");
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(new ScenarioNode(v.get(i), where(field) + "[" + i + "]").requireObject());
        }
        return out;
    }

    /** The strings of an array field; empty when absent. */
    public List<String> texts(String field) {
        List<String> out = new ArrayList<>();
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw problem(field, "expected an array of strings");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw new ScenarioException(where(field) + "[" + i + "]: expected a string, got " + v.get(i));
            }
            out.add(v.get(i).asText());
        }
        return out;
    }
}
