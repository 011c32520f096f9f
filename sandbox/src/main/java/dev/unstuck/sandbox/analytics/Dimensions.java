package dev.unstuck.sandbox.analytics;

import java.util.Optional;

/**
 * The dimension values one thing (a conversation, or one segment with its session and participant) shows
 * to a filter, worked out only for the dimensions a filter asks about (a scan tests every segment of
 * every conversation, many times over).
 */
@FunctionalInterface
interface Dimensions {
    Optional<String> value(String dimension);
}
