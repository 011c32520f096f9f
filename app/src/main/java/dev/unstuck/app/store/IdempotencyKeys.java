package dev.unstuck.app.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

/**
 * Requests that carried an {@code Idempotency-Key}, as the IETF draft "The Idempotency-Key HTTP Header
 * Field" asks: a key is reserved (with a hash of its request) before the request acts, so of several
 * requests sent at once with one key only one acts, on this replica or another; a retry with the same
 * key (by the same caller) gets the first answer instead of acting again. Keys are forgotten after a
 * day; a reservation whose request never finished (a crash) is taken over after a few minutes.
 */
public final class IdempotencyKeys {
    /** How long a key is remembered. */
    public static final Duration KEPT = Duration.ofHours(24);
    /** A reservation older than this without an answer was left by a request that died. */
    public static final Duration ABANDONED = Duration.ofMinutes(3);
    private static final int IN_PROGRESS = 0;

    private final SharedConnection db;

    public IdempotencyKeys(SharedConnection db) {
        this.db = db;
    }

    /** The first answer to a key: what was asked (a hash of it) and what was answered. */
    public record Answer(String requestHash, int status, String body) {
    }

    /** What reserving a key found. */
    public sealed interface Reservation {
        /** The key is this request's: act, then {@link #complete} (or {@link #release} on failure). */
        record Reserved() implements Reservation {}

        /** The key answered this same request already. */
        record Answered(Answer answer) implements Reservation {}

        /** The key is held by this same request, still being acted on. */
        record InProgress() implements Reservation {}

        /** The key was used for another request. */
        record OtherRequest() implements Reservation {}
    }

    public Reservation reserve(String caller, String key, String requestHash, Instant now) {
        return db.with(c -> {
            try (PreparedStatement forget = c.prepareStatement("DELETE FROM idempotency_key WHERE created_at < ?"
                    + " OR (caller = ? AND idem_key = ? AND status = ? AND created_at < ?)")) {
                forget.setLong(1, now.minus(KEPT).toEpochMilli());
                forget.setString(2, caller);
                forget.setString(3, key);
                forget.setInt(4, IN_PROGRESS);
                forget.setLong(5, now.minus(ABANDONED).toEpochMilli());
                forget.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO idempotency_key (caller, idem_key, request_hash, status,"
                    + " response, created_at) VALUES (?,?,?,?,?,?) ON CONFLICT (caller, idem_key) DO NOTHING")) {
                insert.setString(1, caller);
                insert.setString(2, key);
                insert.setString(3, requestHash);
                insert.setInt(4, IN_PROGRESS);
                insert.setString(5, "");
                insert.setLong(6, now.toEpochMilli());
                if (insert.executeUpdate() == 1) {
                    return new Reservation.Reserved();
                }
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT request_hash, status, response FROM idempotency_key WHERE caller = ? AND idem_key = ?")) {
                select.setString(1, caller);
                select.setString(2, key);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        // Forgotten between the insert and this read (another replica's clean-up): this request may try again.
                        return new Reservation.InProgress();
                    }
                    if (!rs.getString(1).equals(requestHash)) {
                        return new Reservation.OtherRequest();
                    }
                    return rs.getInt(2) == IN_PROGRESS ? new Reservation.InProgress()
                            : new Reservation.Answered(new Answer(rs.getString(1), rs.getInt(2), rs.getString(3)));
                }
            }
        });
    }

    /** Keeps the answer of a reserved key. */
    public void complete(String caller, String key, Answer answer) {
        db.with(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE idempotency_key SET status = ?, response = ? WHERE caller = ? AND idem_key = ? AND status = ?")) {
                update.setInt(1, answer.status());
                update.setString(2, answer.body());
                update.setString(3, caller);
                update.setString(4, key);
                update.setInt(5, IN_PROGRESS);
                return update.executeUpdate();
            }
        });
    }

    /** Gives a reserved key back unanswered (the request failed before acting was done): a retry may act. */
    public void release(String caller, String key) {
        db.with(c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM idempotency_key WHERE caller = ? AND idem_key = ? AND status = ?")) {
                delete.setString(1, caller);
                delete.setString(2, key);
                delete.setInt(3, IN_PROGRESS);
                return delete.executeUpdate();
            }
        });
    }
}
