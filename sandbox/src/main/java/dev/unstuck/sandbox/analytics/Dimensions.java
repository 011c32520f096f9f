package dev.unstuck.sandbox.analytics;

import java.util.Map;
import java.util.Optional;

/** The dimension values one thing (a conversation, or one segment with its session and participant) shows to a filter. */
record Dimensions(Map<String, String> values) {
    Optional<String> value(String dimension) {
        return Optional.ofNullable(values.get(dimension));
    }
}
