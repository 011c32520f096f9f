package dev.unstuck.app.store;

import dev.unstuck.core.engine.Claim;
import dev.unstuck.core.engine.Detection;
import dev.unstuck.core.engine.Unfinished;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conversations a run is ending ({@code conversation_claim}, purpose {@code run}): a claim is granted when free or already the
 * run's, held while a live run has it, and taken over, with what the stopped run left open, when its
 * run stopped. The outcome's row releases it ({@link Journal#appendOutcome}). These are the claims of
 * purpose {@code run} in the one claim mechanism ({@link Claims}).
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
        Instant now = clock.instant();
        Claims.Rules<Claim> rules = new Claims.Rules<>() {
            @Override
            public Optional<Claim> standing(Claims.Row found) {
                if (found.holder().equals(runId)) {
                    return Optional.of(Claim.GRANTED);
                }
                if (RunLiveness.alive(leases.run(found.holder()), now)) {
                    return Optional.of(new Claim.Held(found.holder()));
                }
                return Optional.empty();
            }

            @Override
            public Claim takenOver(Claims.Row found) {
                return new Claim.TakenOver(unfinishedOf(org, conversationId, found.holder()));
            }
        };
        Claims.Key key = new Claims.Key(org, conversationId, Claims.Purpose.RUN);
        return db.write(() -> Claims.claim(db.connection(), key, runId, now, Optional.empty(), Claim.GRANTED, rules))
                .orElseGet(() -> new Claim.Held("(another run)"));
    }

    /** Endings of {@code org} that a stopped run left claimed, oldest first; {@code runId}'s own are not among them. */
    List<Unfinished> unfinished(String org, String runId) {
        List<Claims.Held> claims = db.read(() -> Claims.heldByOthers(db.connection(), org, Claims.Purpose.RUN, runId));
        Instant now = clock.instant();
        List<Unfinished> left = new ArrayList<>();
        for (Claims.Held claim : claims) {
            if (!RunLiveness.alive(leases.run(claim.holder()), now)) {
                left.add(unfinishedOf(org, claim.conversationId(), claim.holder()));
            }
        }
        return left;
    }

    /** Releases the run's claim on the entry's conversation; its outcome is being written in the same transaction. */
    static void release(Connection c, AuditEntry outcome) throws SQLException {
        Claims.release(c, new Claims.Key(outcome.org(), outcome.event().subject().conversationId(), Claims.Purpose.RUN), outcome.runId());
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
                        reason = begun.event().subject().reason();
                        found = begun.event().subject().detection();
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
