package dev.unstuck.app.store;

import dev.unstuck.core.engine.AuditEvent;
import dev.unstuck.core.engine.Detection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Reads the journal: entries matching a query, pages of them newest first, and the reports' own queries. */
final class AuditReader {
    private final AuditConnection db;

    AuditReader(AuditConnection db) {
        this.db = db;
    }

    static final String COLUMNS = "id, occurred_at, run_id, org, conversation_id, kind, requested_by, reason, summary,"
            + " state_before, state_after, correlation_ids, queue, outcome, status, act_id, dry_run, rule, flow_id, flow_name,"
            + " queue_id, passes, waiting_since";

    /** Entries oldest first; when more match than the limit, the newest are kept. */
    List<AuditEntry> query(AuditQuery query) {
        List<AuditEntry> entries = new ArrayList<>(rows(query, Math.max(1, query.limit())).stream().map(AuditPage.Row::entry).toList());
        Collections.reverse(entries);
        return entries;
    }

    /** One page, newest first: at most {@code limit} rows matching, older than {@code beforeId} when given. */
    AuditPage page(AuditQuery query) {
        int limit = Math.max(1, query.limit());
        List<AuditPage.Row> found = rows(query, limit + 1);
        if (found.size() <= limit) {
            return new AuditPage(found, OptionalLong.empty());
        }
        List<AuditPage.Row> page = found.subList(0, limit);
        return new AuditPage(page, OptionalLong.of(page.get(limit - 1).id()));
    }

    /** Matching rows newest first (by id: the order they were written), at most {@code limit}. */
    private List<AuditPage.Row> rows(AuditQuery query, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_event WHERE 1=1");
        List<Object> args = new ArrayList<>();
        query.since().ifPresent(since -> {
            sql.append(" AND occurred_at >= ?");
            args.add(since.toEpochMilli());
        });
        query.until().ifPresent(until -> {
            sql.append(" AND occurred_at <= ?");
            args.add(until.toEpochMilli());
        });
        query.matches().forEach((column, word) -> {
            sql.append(" AND ").append(column.condition());
            for (int i = 0; i < column.condition().chars().filter(c -> c == '?').count(); i++) {
                args.add(column.argument(word));
            }
        });
        query.beforeId().ifPresent(id -> {
            sql.append(" AND id < ?");
            args.add(id);
        });
        if (!query.includeDryRuns()) {
            sql.append(" AND dry_run = 0");
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(limit);
        return select(sql.toString(), args, rs -> new AuditPage.Row(rs.getLong("id"), entry(rs)));
    }

    static AuditEntry entry(ResultSet rs) throws SQLException {
        int status = rs.getInt("status");
        OptionalInt statusOrNone = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
        long waiting = rs.getLong("waiting_since");
        Optional<Instant> waitingSince = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(waiting));
        String rule = rs.getString("rule");
        // A row no rule asked for has no detection; the queue column is then the engine's look alone.
        Detection found = rule.isEmpty() ? Detection.NONE : new Detection(rule, present(rs.getString("queue_id")),
                present(rs.getString("queue")), present(rs.getString("flow_id")), present(rs.getString("flow_name")),
                rs.getInt("passes"), waitingSince);
        AuditEvent.Subject about = new AuditEvent.Subject(rs.getString("conversation_id"), rs.getString("requested_by"),
                rs.getString("reason"), rs.getString("queue"), rs.getInt("dry_run") != 0, found);
        return new AuditEntry(rs.getString("run_id"), rs.getString("org"), new AuditEvent(Instant.ofEpochMilli(rs.getLong("occurred_at")),
                about, AuditEvent.Kind.of(rs.getString("kind")), rs.getString("summary"), rs.getString("state_before"),
                rs.getString("state_after"), correlationIds(rs.getString("correlation_ids")), rs.getString("act_id"),
                AuditEvent.Result.of(rs.getString("outcome")), statusOrNone));
    }

    private static Optional<String> present(String text) {
        return text == null || text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /**
     * Runs a read-only query with its arguments bound in order, for readers that group and count in SQL
     * (reports) rather than load rows; the statement is the caller's, the connection and its lock are ours.
     */
    <T> List<T> select(String sql, List<?> args, AuditDatabase.RowReader<T> reader) {
        return db.read(() -> {
            List<T> found = new ArrayList<>();
            try (PreparedStatement select = db.connection().prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    select.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(reader.read(rs));
                    }
                }
            }
            return found;
        });
    }

    /** Older rows joined several ids with spaces or commas. */
    static List<String> correlationIds(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }
}
