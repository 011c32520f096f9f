package dev.unstuck.app.report;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A report's time window: {@code since} a duration back from now (30m, 24h, 7d) or an instant, {@code until} an instant or now. */
public record Window(Instant since, Instant until) {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smhd])");

    /** The window, or why the text is not one (a sentence for the user). */
    public sealed interface Parsed {
        record Ok(Window window) implements Parsed {}

        record Bad(String problem) implements Parsed {}
    }

    public static Parsed parse(String since, Optional<String> until, Instant now) {
        Optional<Instant> end = Optional.of(now);
        if (until.isPresent() && !until.get().isBlank()) {
            end = instant(until.get().trim());
            if (end.isEmpty()) {
                return new Parsed.Bad("'until' must be an instant like 2026-11-28T09:00:00Z");
            }
        }
        if (since == null || since.isBlank()) {
            return new Parsed.Bad("'since' is required: a duration back from now (24h, 7d) or an instant like 2026-11-21T00:00:00Z");
        }
        String text = since.trim();
        Optional<Instant> start = instant(text);
        if (start.isEmpty()) {
            Matcher m = DURATION.matcher(text);
            if (!m.matches()) {
                return new Parsed.Bad("'since' must be a duration back from now (30m, 24h, 7d) or an instant like 2026-11-21T00:00:00Z");
            }
            try {
                long n = Long.parseLong(m.group(1));
                Duration back = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                start = Optional.of(end.get().minus(back)).filter(Window::inRange);
            } catch (ArithmeticException | java.time.DateTimeException | NumberFormatException e) {
                start = Optional.empty();
            }
            if (start.isEmpty()) {
                return new Parsed.Bad("'since' reaches back before the year 0; say a shorter duration or an instant");
            }
        }
        if (start.get().isAfter(end.get())) {
            return new Parsed.Bad("'since' (" + start.get() + ") is after 'until' (" + end.get() + ")");
        }
        return new Parsed.Ok(new Window(start.get(), end.get()));
    }

    /** The instants the audit can hold (milliseconds since 1970, years 0 to 9999); others are refused as input. */
    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text)).filter(Window::inRange);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
