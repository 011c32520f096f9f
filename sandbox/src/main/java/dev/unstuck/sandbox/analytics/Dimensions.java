package dev.unstuck.sandbox.analytics;

import java.util.List;
import java.util.Optional;

/**
 * The dimension values one thing (a conversation, or one segment with its session and participant) shows
 * to a filter, worked out only for the dimensions a filter asks about (a scan tests every segment of
 * every conversation, many times over). Most dimensions have one value or none; a conversation's
 * {@code divisionId} has one per division it lies in.
 */
@FunctionalInterface
interface Dimensions {
    List<String> values(String dimension);

    static List<String> one(Optional<String> value) {
        return value.map(List::of).orElse(List.of());
    }
}
