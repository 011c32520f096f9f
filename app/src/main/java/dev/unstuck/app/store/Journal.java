package dev.unstuck.app.store;

import dev.unstuck.core.engine.AuditEvent;
import dev.unstuck.core.engine.Detection;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The journal's writes: every plan, intent, step and outcome as one row of {@code audit_event}, an
 * outcome together with the release of its run's claim. Each append returns once its row is committed
 * (rows written at the same moment share one commit: {@link GroupCommit}), so an intent is in the
 * journal before its act is sent.
 */
final class Journal {
    private final AuditConnection db;

    Journal(AuditConnection db) {
        this.db = db;
    }

    void append(AuditEntry entry) {
        db.write(() -> insert(entry));
    }

    /** Appends an outcome and releases the run's claim on its conversation, together (one unit of work: one savepoint of its batch). */
    void appendOutcome(AuditEntry entry) {
        db.write(() -> {
            insert(entry);
            RunClaims.release(db.connection(), entry);
        });
    }

    private void insert(AuditEntry entry) throws SQLException {
        String sql = "INSERT INTO audit_event (occurred_at, run_id, org, conversation_id, kind, requested_by, reason, summary,"
                + " state_before, state_after, correlation_ids, queue, outcome, status, act_id, dry_run,"
                + " rule, flow_id, flow_name, queue_id, passes, waiting_since)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (PreparedStatement insert = db.connection().prepareStatement(sql)) {
            AuditEvent e = entry.event();
            AuditEvent.Subject about = e.subject();
            insert.setLong(1, e.at().toEpochMilli());
            insert.setString(2, entry.runId());
            insert.setString(3, entry.org());
            insert.setString(4, about.conversationId());
            insert.setString(5, e.kind().word());
            insert.setString(6, about.requestedBy());
            insert.setString(7, about.reason());
            insert.setString(8, e.summary());
            insert.setString(9, e.stateBefore());
            insert.setString(10, e.stateAfter());
            insert.setString(11, String.join(" ", e.correlationIds()));
            insert.setString(12, about.queue());
            insert.setString(13, e.result().word());
            if (e.status().isPresent()) {
                insert.setInt(14, e.status().getAsInt());
            } else {
                insert.setNull(14, Types.INTEGER);
            }
            insert.setString(15, e.actId());
            insert.setInt(16, about.dryRun() ? 1 : 0);
            Detection found = about.detection();
            insert.setString(17, found.rule());
            insert.setString(18, found.flowId().orElse(""));
            insert.setString(19, found.flowName().orElse(""));
            insert.setString(20, found.queueId().orElse(""));
            insert.setInt(21, found.passes());
            if (found.waitingSince().isPresent()) {
                insert.setLong(22, found.waitingSince().get().toEpochMilli());
            } else {
                insert.setNull(22, Types.BIGINT);
            }
            insert.executeUpdate();
        }
    }
}
