package dev.unstuck.app.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * Answers kept for requests that carried an {@code Idempotency-Key}: a retry with the same key (by the
 * same caller) gets the first answer instead of acting again, even on another replica.
 */
public final class IdempotencyKeys {
    private final SharedConnection db;

    public IdempotencyKeys(SharedConnection db) {
        this.db = db;
    }

    /** The first answer to a key: what was asked (a hash of it) and what was answered. */
    public record Answer(String requestHash, int status, String body) {
    }

    public Optional<Answer> find(String caller, String key) {
        return db.with(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT request_hash, status, response FROM idempotency_key WHERE caller = ? AND idem_key = ?")) {
                select.setString(1, caller);
                select.setString(2, key);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new Answer(rs.getString(1), rs.getInt(2), rs.getString(3))) : Optional.<Answer>empty();
                }
            }
        });
    }

    /** Keeps the answer unless one is kept already (the first answer wins). */
    public void keep(String caller, String key, Answer answer, Instant now) {
        db.with(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO idempotency_key (caller, idem_key, request_hash, status,"
                    + " response, created_at) VALUES (?,?,?,?,?,?) ON CONFLICT (caller, idem_key) DO NOTHING")) {
                insert.setString(1, caller);
                insert.setString(2, key);
                insert.setString(3, answer.requestHash());
                insert.setInt(4, answer.status());
                insert.setString(5, answer.body());
                insert.setLong(6, now.toEpochMilli());
                return insert.executeUpdate();
            }
        });
    }
}
