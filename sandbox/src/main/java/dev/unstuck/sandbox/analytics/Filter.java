package dev.unstuck.sandbox.analytics;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An analytics filter {@code {type: and|or, clauses[{type, predicates}], predicates[]}}: the filter's own
 * predicates and each clause are its terms, joined by its type. Parsed once, then tested many times.
 */
sealed interface Filter {
    boolean test(Dimensions d);

    record All(List<Filter> terms) implements Filter {
        public boolean test(Dimensions d) {
            return terms.stream().allMatch(t -> t.test(d));
        }
    }

    record Any(List<Filter> terms) implements Filter {
        public boolean test(Dimensions d) {
            return terms.isEmpty() || terms.stream().anyMatch(t -> t.test(d));
        }
    }

    /** {@code matches} compares the text as given; {@code exists}/{@code notExists} ask only whether there is a value. */
    record Predicate(String dimension, String operator, String value) implements Filter {
        public boolean test(Dimensions d) {
            return switch (operator) {
                case "exists" -> d.value(dimension).isPresent();
                case "notExists" -> d.value(dimension).isEmpty();
                default -> d.value(dimension).map(v -> v.equals(value)).orElse(false);
            };
        }
    }

    /** Thrown for a filter the platform would answer 400 to; the message says what is wrong. */
    final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    /** Every filter in the list must hold (the body's {@code conversationFilters} / {@code segmentFilters}). */
    static Filter allOf(JsonNode filters, String field, List<String> dimensions) {
        List<Filter> terms = new ArrayList<>();
        if (filters != null && !filters.isNull()) {
            if (!filters.isArray()) {
                throw new Invalid(field + " must be a list of filters");
            }
            for (int i = 0; i < filters.size(); i++) {
                terms.add(parse(filters.get(i), field + "[" + i + "]", dimensions));
            }
        }
        return new All(terms);
    }

    static Filter parse(JsonNode node, String where, List<String> dimensions) {
        if (!node.isObject()) {
            throw new Invalid(where + " must be an object");
        }
        String type = node.path("type").asText("and").toLowerCase(Locale.ROOT);
        if (!type.equals("and") && !type.equals("or")) {
            throw new Invalid(where + ".type must be and or or, not " + type);
        }
        List<Filter> terms = new ArrayList<>();
        JsonNode predicates = node.path("predicates");
        for (int i = 0; i < predicates.size(); i++) {
            terms.add(predicate(predicates.get(i), where + ".predicates[" + i + "]", dimensions));
        }
        JsonNode clauses = node.path("clauses");
        for (int i = 0; i < clauses.size(); i++) {
            terms.add(parse(clauses.get(i), where + ".clauses[" + i + "]", dimensions));
        }
        if (terms.isEmpty()) {
            throw new Invalid(where + " needs predicates or clauses");
        }
        return type.equals("and") ? new All(terms) : new Any(terms);
    }

    private static Filter predicate(JsonNode node, String where, List<String> dimensions) {
        String kind = node.path("type").asText("dimension");
        if (kind.equals("property") || kind.equals("metric")) {
            return propertyOrMetric(node, where, kind);
        }
        if (!kind.equals("dimension")) {
            throw new Invalid(where + ".type [" + kind + "] is not valid. Allowable values are: dimension, property, metric");
        }
        String dimension = node.path("dimension").asText("");
        if (!dimensions.contains(dimension)) {
            throw new Invalid(where + ".dimension [" + dimension + "] is not valid here. Allowable values are: "
                    + String.join(", ", dimensions));
        }
        String operator = node.path("operator").asText("matches");
        if (!List.of("matches", "exists", "notExists").contains(operator)) {
            throw new Invalid(where + ".operator [" + operator + "] is not valid. Allowable values are: matches, exists, notExists");
        }
        if (operator.equals("matches") && !node.hasNonNull("value")) {
            throw new Invalid(where + ".value is required for matches");
        }
        return new Predicate(dimension, operator, node.path("value").asText(""));
    }

    /**
     * A {@code property} predicate (a custom attribute: {@code property}, {@code propertyType}) or a
     * {@code metric} one ({@code metric}, a {@code value} or {@code range}). The sandbox's conversations carry
     * no custom properties and no session metrics, so such a predicate holds only for {@code notExists}:
     * accepted as the platform accepts it, judged by what the sandbox has.
     */
    private static Filter propertyOrMetric(JsonNode node, String where, String kind) {
        String name = node.path(kind).asText("");
        if (name.isBlank()) {
            throw new Invalid(where + "." + kind + " is required for a " + kind + " predicate");
        }
        if (kind.equals("property") && node.hasNonNull("propertyType")
                && !List.of("bool", "integer", "real", "date", "string", "uuid").contains(node.get("propertyType").asText())) {
            throw new Invalid(where + ".propertyType [" + node.get("propertyType").asText()
                    + "] is not valid. Allowable values are: bool, integer, real, date, string, uuid");
        }
        String operator = node.path("operator").asText("matches");
        if (!List.of("matches", "exists", "notExists").contains(operator)) {
            throw new Invalid(where + ".operator [" + operator + "] is not valid. Allowable values are: matches, exists, notExists");
        }
        if (operator.equals("matches") && !node.hasNonNull("value") && !node.hasNonNull("range")) {
            throw new Invalid(where + ".value or " + where + ".range is required for matches");
        }
        // A key no record carries: exists and matches never hold, notExists always does.
        return new Predicate(kind + ":" + name, operator, node.path("value").asText(""));
    }
}
