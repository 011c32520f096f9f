package dev.unstuck.app.store;

import dev.unstuck.core.engine.Claim;
import dev.unstuck.core.engine.Detection;
import dev.unstuck.core.engine.Unfinished;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conversations a run is ending ({@code audit_claim}): a claim is granted when free or already the
 * run's, held while a live run has it, and taken over, with what the stopped run left open, when its
 * run stopped. The outcome's row releases it ({@link Journal#appendOutcome}).
 */
final class RunClaims {
    private final AuditConnection db;
    private final Clock clock;
    private final RunLeases leases;

    RunClaims(AuditConnection db, Clock clock, RunLeases leases) {
        this.db = db;
        this.clock = clock;
        this.leases = leases;
    }

    /**
     * Claims a conversation of {@code org} for {@code runId}: granted when free or already this run's,
     * held when a live run has it, taken over (with what that run left open) when its run stopped.
     */
    Claim claim(String org, String conversationId, String runId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            int inserted = db.write(() -> {
                try (PreparedStatement insert = db.connection().prepareStatement("INSERT INTO audit_claim (org, conversation_id, run_id, claimed_at)"
                        + " VALUES (?,?,?,?) ON CONFLICT (org, conversation_id) DO NOTHING")) {
                    insert.setString(1, org);
                    insert.setString(2, conversationId);
                    insert.setString(3, runId);
                    insert.setLong(4, clock.millis());
                    return insert.executeUpdate();
                }
            });
            if (inserted == 1) {
                return Claim.GRANTED;
            }
            Optional<String> holder = holderOf(org, conversationId);
            if (holder.isEmpty()) {
                continue; // released in between: claim it afresh
            }
            if (holder.get().equals(runId)) {
                return Claim.GRANTED;
            }
            if (RunLiveness.alive(leases.run(holder.get()), clock.instant())) {
                return new Claim.Held(holder.get());
            }
            Unfinished previous = unfinishedOf(org, conversationId, holder.get());
            int taken = db.write(() -> {
                try (PreparedStatement update = db.connection().prepareStatement("UPDATE audit_claim SET run_id = ?, claimed_at = ?"
                        + " WHERE org = ? AND conversation_id = ? AND run_id = ?")) {
                    update.setString(1, runId);
                    update.setLong(2, clock.millis());
                    update.setString(3, org);
                    update.setString(4, conversationId);
                    update.setString(5, holder.get());
                    return update.executeUpdate();
                }
            });
            if (taken == 1) {
                return new Claim.TakenOver(previous);
            }
        }
        return new Claim.Held("(another run)");
    }

    /** Endings of {@code org} that a stopped run left claimed, oldest first; {@code runId}'s own are not among them. */
    List<Unfinished> unfinished(String org, String runId) {
        List<String[]> claims = db.read(() -> {
            List<String[]> found = new ArrayList<>();
            try (PreparedStatement select = db.connection().prepareStatement(
                    "SELECT conversation_id, run_id FROM audit_claim WHERE org = ? AND run_id <> ? ORDER BY claimed_at")) {
                select.setString(1, org);
                select.setString(2, runId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            return found;
        });
        Instant now = clock.instant();
        List<Unfinished> left = new ArrayList<>();
        for (String[] claim : claims) {
            if (!RunLiveness.alive(leases.run(claim[1]), now)) {
                left.add(unfinishedOf(org, claim[0], claim[1]));
            }
        }
        return left;
    }

    private Optional<String> holderOf(String org, String conversationId) {
        return db.read(() -> {
            try (PreparedStatement select = db.connection().prepareStatement("SELECT run_id FROM audit_claim WHERE org = ? AND conversation_id = ?")) {
                select.setString(1, org);
                select.setString(2, conversationId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** The stopped run's reason for the ending, and every intent of the conversation that never got its completion. */
    private Unfinished unfinishedOf(String org, String conversationId, String runId) {
        return db.read(() -> {
            String reason = "";
            Detection found = Detection.NONE;
            try (PreparedStatement select = db.connection().prepareStatement("SELECT " + AuditReader.COLUMNS + " FROM audit_event WHERE org = ?"
                    + " AND conversation_id = ? AND run_id = ? AND kind IN ('plan', 'resume') ORDER BY id DESC LIMIT 1")) {
                select.setString(1, org);
                select.setString(2, conversationId);
                select.setString(3, runId);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        AuditEntry begun = AuditReader.entry(rs);
                        reason = begun.reason();
                        found = begun.detection();
                    }
                }
            }
            List<Unfinished.OpenAct> open = new ArrayList<>();
            try (PreparedStatement select = db.connection().prepareStatement("SELECT i.act_id, i.summary FROM audit_event i"
                    + " WHERE i.org = ? AND i.conversation_id = ? AND i.kind = 'intent' AND NOT EXISTS"
                    + " (SELECT 1 FROM audit_event s WHERE s.act_id = i.act_id AND s.kind = 'step') ORDER BY i.id")) {
                select.setString(1, org);
                select.setString(2, conversationId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        open.add(new Unfinished.OpenAct(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return new Unfinished(conversationId, runId, reason, open, found);
        });
    }
}
