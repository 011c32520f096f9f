package dev.unstuck.sandbox.analytics;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An analytics filter {@code {type: and|or, clauses[{type, predicates}], predicates[]}}: the filter's own
 * predicates and each clause are its terms, joined by its type. Parsed once, then tested many times.
 * Checked as the SDK's models are shaped ({@code SegmentDetailQueryFilter}, {@code ...Clause},
 * {@code ...Predicate}, and the conversation ones): a filter or clause needs its {@code type}; a clause holds
 * predicates only (two levels, no deeper); dimensions and metrics come from the SDK's enums
 * ({@link FilterVocabulary}).
 */
sealed interface Filter {
    boolean test(Dimensions d);

    /**
     * The values (lower case) {@code dimension} must match one of for this filter to hold, or empty when the
     * filter holds for other values too. A bound the query may look up before building records (a query by
     * conversation id need not build every conversation's record); the filter itself still decides.
     */
    Optional<Set<String>> confines(String dimension);

    record All(List<Filter> terms) implements Filter {
        public boolean test(Dimensions d) {
            return terms.stream().allMatch(t -> t.test(d));
        }

        /** Every term must hold: any one term's bound bounds the whole. */
        public Optional<Set<String>> confines(String dimension) {
            return terms.stream().map(t -> t.confines(dimension)).flatMap(Optional::stream).findFirst();
        }
    }

    record Any(List<Filter> terms) implements Filter {
        public boolean test(Dimensions d) {
            return terms.isEmpty() || terms.stream().anyMatch(t -> t.test(d));
        }

        /** One term must hold: bounded only when every term is, by all their values together. */
        public Optional<Set<String>> confines(String dimension) {
            Set<String> values = new HashSet<>();
            for (Filter t : terms) {
                Optional<Set<String>> bound = t.confines(dimension);
                if (bound.isEmpty()) {
                    return Optional.empty();
                }
                values.addAll(bound.get());
            }
            return terms.isEmpty() ? Optional.empty() : Optional.of(values);
        }
    }

    /**
     * {@code matches} compares the text ignoring case (as the platform's analytics does); {@code exists} /
     * {@code notExists} ask only whether there is a value. A dimension with several values (a conversation's
     * divisions) matches when one does.
     */
    record Predicate(String dimension, String operator, String value) implements Filter {
        public boolean test(Dimensions d) {
            return switch (operator) {
                case "exists" -> !d.values(dimension).isEmpty();
                case "notExists" -> d.values(dimension).isEmpty();
                default -> d.values(dimension).stream().anyMatch(v -> v.equalsIgnoreCase(value));
            };
        }

        public Optional<Set<String>> confines(String dimension) {
            return operator.equals("matches") && this.dimension.equals(dimension)
                    ? Optional.of(Set.of(value.toLowerCase(Locale.ROOT))) : Optional.empty();
        }
    }

    /** Thrown for a filter the platform would answer 400 to; the refusal says what is wrong. */
    final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient Refusal refusal;

        Invalid(String message) {
            this(Refusal.of(message));
        }

        Invalid(Refusal refusal) {
            super(refusal.message(), null, false, false);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }

    List<String> TYPES = List.of("and", "or");
    List<String> OPERATORS = List.of("matches", "exists", "notExists");
    List<String> PREDICATE_TYPES = List.of("dimension", "property", "metric");

    /** Every filter in the list must hold (the body's {@code conversationFilters} / {@code segmentFilters}). */
    static Filter allOf(JsonNode filters, String field, FilterVocabulary vocabulary) {
        List<Filter> terms = new ArrayList<>();
        if (filters != null && !filters.isNull()) {
            if (!filters.isArray()) {
                throw new Invalid(field + " must be a list of filters");
            }
            for (int i = 0; i < filters.size(); i++) {
                terms.add(parse(filters.get(i), field + "[" + i + "]", vocabulary, false));
            }
        }
        return new All(terms);
    }

    private static Filter parse(JsonNode node, String where, FilterVocabulary vocabulary, boolean clause) {
        if (!node.isObject()) {
            throw new Invalid(where + " must be an object");
        }
        if (!node.hasNonNull("type")) {
            throw new Invalid(Refusal.missing(where + ".type"));
        }
        String type = node.get("type").asText();
        if (!TYPES.contains(type)) {
            throw new Invalid(Refusal.notAllowed(type, where + ".type", TYPES));
        }
        if (clause && node.has("clauses")) {
            throw new Invalid(new Refusal("{field}: a clause holds predicates only; clauses do not nest deeper than two levels",
                    Map.of("field", where + ".clauses")));
        }
        List<Filter> terms = new ArrayList<>();
        JsonNode predicates = node.path("predicates");
        for (int i = 0; i < predicates.size(); i++) {
            terms.add(predicate(predicates.get(i), where + ".predicates[" + i + "]", vocabulary));
        }
        JsonNode clauses = node.path("clauses");
        for (int i = 0; i < clauses.size(); i++) {
            terms.add(parse(clauses.get(i), where + ".clauses[" + i + "]", vocabulary, true));
        }
        if (terms.isEmpty()) {
            throw new Invalid(where + " needs predicates or clauses");
        }
        return type.equals("and") ? new All(terms) : new Any(terms);
    }

    private static Filter predicate(JsonNode node, String where, FilterVocabulary vocabulary) {
        if (!node.isObject()) {
            throw new Invalid(where + " must be an object");
        }
        // The SDK: "Optional type, can usually be inferred".
        String kind = node.path("type").asText("dimension");
        if (!PREDICATE_TYPES.contains(kind)) {
            throw new Invalid(Refusal.notAllowed(kind, where + ".type", PREDICATE_TYPES));
        }
        String operator = node.path("operator").asText("matches");
        if (!OPERATORS.contains(operator)) {
            throw new Invalid(Refusal.notAllowed(operator, where + ".operator", OPERATORS));
        }
        if (kind.equals("property")) {
            return property(node, where, operator);
        }
        List<String> allowed = kind.equals("metric") ? vocabulary.metrics() : vocabulary.dimensions();
        String name = node.path(kind).asText("");
        if (name.isBlank()) {
            throw new Invalid(Refusal.missing(where + "." + kind));
        }
        if (!allowed.contains(name)) {
            throw new Invalid(Refusal.notAllowed(name, vocabulary.predicateType() + "." + kind, allowed));
        }
        if (operator.equals("matches") && !node.hasNonNull("value") && !(kind.equals("metric") && node.hasNonNull("range"))) {
            throw new Invalid(Refusal.missing(where + ".value"));
        }
        // A metric is a key no sandbox record carries (no session metrics): exists and matches never hold, notExists does.
        return new Predicate(kind.equals("metric") ? "metric:" + name : name, operator, node.path("value").asText(""));
    }

    /**
     * A {@code property} predicate (a custom attribute: {@code property}, {@code propertyType}). The sandbox's
     * conversations carry no custom properties, so it holds only for {@code notExists}: accepted as the
     * platform accepts it, judged by what the sandbox has.
     */
    private static Filter property(JsonNode node, String where, String operator) {
        String name = node.path("property").asText("");
        if (name.isBlank()) {
            throw new Invalid(Refusal.missing(where + ".property"));
        }
        List<String> types = List.of("bool", "integer", "real", "date", "string", "uuid");
        if (node.hasNonNull("propertyType") && !types.contains(node.get("propertyType").asText())) {
            throw new Invalid(Refusal.notAllowed(node.get("propertyType").asText(), where + ".propertyType", types));
        }
        if (operator.equals("matches") && !node.hasNonNull("value") && !node.hasNonNull("range")) {
            throw new Invalid(Refusal.missing(where + ".value"));
        }
        return new Predicate("property:" + name, operator, node.path("value").asText(""));
    }
}
