package dev.unstuck.app.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The claim a replica writes before it ends a conversation, so that concurrent requests for the same
 * conversation, on one replica or several sharing the database, make one set of Genesys calls. The
 * claim then keeps the outcome for a while, so every waiting caller answers the same. A claim whose
 * holder died (it expired unfinished) is taken over: the engine looks again before acting, so the
 * taker finishes whatever the dead holder left.
 */
public final class EndingClaims {
    private final SharedConnection db;
    private final Duration lease;
    private final Duration keepOutcome;

    public EndingClaims(SharedConnection db, Duration lease, Duration keepOutcome) {
        this.db = db;
        this.lease = lease;
        this.keepOutcome = keepOutcome;
    }

    /** What trying to claim came to. */
    public sealed interface Attempt {
    }

    /** The caller holds the claim: end the conversation, then {@link #finish}. */
    public record Claimed() implements Attempt {
    }

    /** Another request is ending it now; wait for its outcome. */
    public record InProgress(String holder) implements Attempt {
    }

    /** It was ended moments ago: this is the outcome (as JSON) every caller gets. */
    public record Finished(String outcome) implements Attempt {
    }

    public Attempt claim(String org, String conversationId, String holder, Instant now) {
        return db.with(c -> {
            for (int attempt = 0; attempt < 5; attempt++) {
                if (insert(c, org, conversationId, holder, now)) {
                    return new Claimed();
                }
                Optional<Row> row = read(c, org, conversationId);
                if (row.isEmpty()) {
                    continue; // deleted in between: try again
                }
                Row r = row.get();
                if (r.outcome != null && !r.finishedAt.plus(keepOutcome).isBefore(now)) {
                    return new Finished(r.outcome);
                }
                if (r.outcome == null && !r.expiresAt.isBefore(now)) {
                    return new InProgress(r.holder);
                }
                if (takeOver(c, org, conversationId, holder, now, r.claimedAt)) {
                    return new Claimed();
                }
            }
            return new InProgress("another replica");
        });
    }

    /** The outcome of a claim the caller holds; answers false when the claim was lost (taken over). */
    public boolean finish(String org, String conversationId, String holder, String outcome, Instant now) {
        return db.with(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE ending_claim SET outcome = ?, finished_at = ? WHERE org = ? AND conversation_id = ? AND holder = ?")) {
                update.setString(1, outcome);
                update.setLong(2, now.toEpochMilli());
                update.setString(3, org);
                update.setString(4, conversationId);
                update.setString(5, holder);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** The outcome, once the claim's holder has finished it (and while it is kept). */
    public Optional<String> outcome(String org, String conversationId, Instant now) {
        return db.with(c -> read(c, org, conversationId)
                .filter(r -> r.outcome != null && !r.finishedAt.plus(keepOutcome).isBefore(now))
                .map(r -> r.outcome));
    }

    private boolean insert(Connection c, String org, String id, String holder, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ending_claim (org, conversation_id, holder, claimed_at,"
                + " expires_at) VALUES (?,?,?,?,?) ON CONFLICT (org, conversation_id) DO NOTHING")) {
            insert.setString(1, org);
            insert.setString(2, id);
            insert.setString(3, holder);
            insert.setLong(4, now.toEpochMilli());
            insert.setLong(5, now.plus(lease).toEpochMilli());
            return insert.executeUpdate() == 1;
        }
    }

    private boolean takeOver(Connection c, String org, String id, String holder, Instant now, Instant seenClaimedAt) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE ending_claim SET holder = ?, claimed_at = ?, expires_at = ?,"
                + " outcome = NULL, finished_at = NULL WHERE org = ? AND conversation_id = ? AND claimed_at = ?")) {
            update.setString(1, holder);
            update.setLong(2, now.toEpochMilli());
            update.setLong(3, now.plus(lease).toEpochMilli());
            update.setString(4, org);
            update.setString(5, id);
            update.setLong(6, seenClaimedAt.toEpochMilli());
            return update.executeUpdate() == 1;
        }
    }

    private record Row(String holder, Instant claimedAt, Instant expiresAt, String outcome, Instant finishedAt) {
    }

    private static Optional<Row> read(Connection c, String org, String id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT holder, claimed_at, expires_at, outcome, finished_at"
                + " FROM ending_claim WHERE org = ? AND conversation_id = ?")) {
            select.setString(1, org);
            select.setString(2, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long finished = rs.getLong(5);
                return Optional.of(new Row(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getString(4), Instant.ofEpochMilli(finished)));
            }
        }
    }
}
