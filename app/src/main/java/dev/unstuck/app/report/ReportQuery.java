package dev.unstuck.app.report;

import dev.unstuck.app.store.AnalyticsGhosts;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditQuery;

import java.time.Instant;
import java.util.List;

/**
 * Builds a {@link Report} with three GROUP BY queries over the audit's outcome rows, reading only the
 * columns detection wrote (rule, flow, queue, passes, waiting since): no text is parsed. The SQL is the
 * same on SQLite and PostgreSQL (hours are integer arithmetic on epoch milliseconds, which is UTC).
 */
public final class ReportQuery {
    private static final long HOUR_MS = 3_600_000L;

    /** Outcomes of guests detection found: ended, or would have been (a dry run), or tried and failed. */
    private static final String DETECTED = "kind = 'outcome' AND outcome IN ('ended', 'already-ended', 'failed', 'planned')";

    private final AuditDatabase db;

    public ReportQuery(AuditDatabase db) {
        this.db = db;
    }

    /** The orgs the audit has records of, by name: a report on any other would be empty for a typo's sake. */
    public List<String> orgs() {
        return db.select("SELECT DISTINCT org FROM audit_event ORDER BY org", List.of(), rs -> rs.getString(1));
    }

    /** The report of {@code org} for outcomes recorded from {@code since} up to {@code until} (both included). */
    public Report run(String org, Instant since, Instant until) {
        List<Object> window = List.of(org, since.toEpochMilli(), until.toEpochMilli());
        // A guest counts once per flow and queue pair, with its most passes (a dry run and the ending
        // that followed are one guest).
        List<Report.Loop> loops = db.select("SELECT flow_id, flow_name, queue_id, MAX(queue), COUNT(*), SUM(passes) FROM"
                        + " (SELECT conversation_id, flow_id, flow_name, queue_id, MAX(queue) AS queue, MAX(passes) AS passes"
                        + "  FROM audit_event WHERE org = ? AND occurred_at >= ? AND occurred_at <= ? AND rule = 'looping' AND " + DETECTED
                        + "  GROUP BY conversation_id, flow_id, flow_name, queue_id) guests"
                        + " GROUP BY flow_id, flow_name, queue_id ORDER BY COUNT(*) DESC, SUM(passes) DESC, flow_name, queue_id",
                window, rs -> new Report.Loop(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getLong(6)));
        List<Report.Overdue> overdue = db.select("SELECT queue_id, MAX(queue), (waiting_since / " + HOUR_MS + ") % 24,"
                        + " COUNT(DISTINCT conversation_id) FROM audit_event"
                        + " WHERE org = ? AND occurred_at >= ? AND occurred_at <= ? AND kind = 'outcome' AND outcome = 'ended'"
                        + " AND dry_run = 0 AND rule = 'stuck' AND waiting_since IS NOT NULL"
                        + " GROUP BY queue_id, (waiting_since / " + HOUR_MS + ") % 24"
                        + " ORDER BY COUNT(DISTINCT conversation_id) DESC, queue_id, (waiting_since / " + HOUR_MS + ") % 24",
                window, rs -> new Report.Overdue(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)));
        // A conversation ended again within the hour (verification finishing an ending) is one ending.
        List<Report.Endings> endings = db.select("SELECT (occurred_at / " + HOUR_MS + ") * " + HOUR_MS + ","
                        + " CASE WHEN rule = '' THEN '" + AuditQuery.MANUAL + "' ELSE rule END, COUNT(DISTINCT conversation_id) FROM audit_event"
                        + " WHERE org = ? AND occurred_at >= ? AND occurred_at <= ? AND kind = 'outcome' AND outcome = 'ended'"
                        + " AND dry_run = 0"
                        + " GROUP BY (occurred_at / " + HOUR_MS + ") * " + HOUR_MS + ", CASE WHEN rule = '' THEN '" + AuditQuery.MANUAL
                        + "' ELSE rule END"
                        + " ORDER BY 1, 2",
                window, rs -> new Report.Endings(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getLong(3)));
        long ghosts = db.select(AnalyticsGhosts.COUNT_SQL, window, rs -> rs.getLong(1)).get(0);
        return new Report(org, since, until, loops, overdue, endings, ghosts);
    }
}
