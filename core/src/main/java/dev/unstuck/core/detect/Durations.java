package dev.unstuck.core.detect;

import java.time.Duration;

/** Durations as people write them in config files and read them in tables: 90s, 30m, 2h, 1h30m, 2d. */
public final class Durations {

    private Durations() {
    }

    public static String text(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m" + (seconds % 60 == 0 ? "" : (seconds % 60) + "s");
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + "h" + (minutes % 60 == 0 ? "" : (minutes % 60) + "m");
        }
        return (hours / 24) + "d" + (hours % 24 == 0 ? "" : (hours % 24) + "h");
    }

    /**
     * Parses {@code 90s}, {@code 30m}, {@code 2h}, {@code 1h30m}, {@code 2d} (or ISO-8601 {@code PT30M}).
     *
     * @throws IllegalArgumentException with a sentence saying what is accepted
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw bad(text);
            }
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([dhms])").matcher(t);
        Duration total = Duration.ZERO;
        int at = 0;
        while (m.find()) {
            if (m.start() != at) {
                throw bad(text);
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            at = m.end();
        }
        if (at == 0 || at != t.length()) {
            throw bad(text);
        }
        return total;
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration; write it like 90s, 30m, 2h, 1h30m or 2d");
    }
}
