package dev.unstuck.app.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where guests get stuck, from the audit of one org over a window: the flow and queue pairs looping
 * guests bounced between (a fault in an Architect flow, to be fixed there), the queues whose guests
 * waited past {@code maxWait} by hour of day, and the endings per hour by the rule that asked for them;
 * apart from endings, the analytics ghosts looked at (listed open by analytics, yet over).
 */
public record Report(String org, Instant since, Instant until, List<Loop> loops, List<Overdue> overdue, List<Endings> endingsByHour,
                     long analyticsGhosts) {

    public Report {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        loops = List.copyOf(loops);
        overdue = List.copyOf(overdue);
        endingsByHour = List.copyOf(endingsByHour);
    }

    /** A report that met no analytics ghost. */
    public Report(String org, Instant since, Instant until, List<Loop> loops, List<Overdue> overdue, List<Endings> endingsByHour) {
        this(org, since, until, loops, overdue, endingsByHour, 0);
    }

    /**
     * Guests found looping between one flow and one queue.
     *
     * @param guests distinct conversations ended (or found, by a dry run) as looping there
     * @param bounces their passes, summed
     */
    public record Loop(String flowId, String flowName, String queueId, String queueName, long guests, long bounces) {}

    /** Guests of a queue ended as stuck past {@code maxWait}, by the hour of day (UTC) they began to wait. */
    public record Overdue(String queueId, String queueName, int hourOfDay, long guests) {}

    /** Conversations ended in the hour beginning at {@code hour}, asked for by {@code reason} (a rule, or {@code manual}). */
    public record Endings(Instant hour, String reason, long count) {}
}
