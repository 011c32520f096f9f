package dev.unstuck.app.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one claim mechanism ({@code conversation_claim}): whoever inserts the row for a conversation holds
 * it; whoever finds a row asks the purpose's {@link Rules} whether it stands (held by someone alive, or
 * finished with an outcome still kept) and otherwise takes it over, only if the row is still the one it
 * read. A run's claims ({@link RunClaims}) and an API request's ({@link EndingClaims}) differ only in
 * those rules, so they share this loop and table, told apart by their {@link Purpose}.
 */
final class Claims {
    /** Tries before giving up on a row that changes under us each time (others claiming and releasing it). */
    private static final int ATTEMPTS = 5;

    private Claims() {
    }

    /** Who claims: a run ending conversations, or an API request ending one for its callers. */
    enum Purpose {
        RUN, REQUEST;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The conversation claimed, and for what. */
    record Key(String org, String conversationId, Purpose purpose) {
    }

    /** A claim as stored: its holder, when it was claimed, when it lapses (requests), and its outcome once finished. */
    record Row(String holder, Instant claimedAt, Optional<Instant> expiresAt, Optional<String> outcome, Optional<Instant> finishedAt) {
    }

    /** How one purpose judges a claim it found. */
    interface Rules<T> {
        /** The answer when the claim found stands; empty when it may be taken over. */
        Optional<T> standing(Row found) throws SQLException;

        /** The answer once the claim found was taken over. */
        T takenOver(Row found) throws SQLException;
    }

    /**
     * Claims the conversation for {@code holder}: {@code granted} when it was free, else what the rules say
     * of the claim found, else taken over; empty when the row kept changing under us.
     */
    static <T> Optional<T> claim(Connection c, Key key, String holder, Instant now, Optional<Instant> expiresAt, T granted,
                                 Rules<T> rules) throws SQLException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (insert(c, key, holder, now, expiresAt)) {
                return Optional.of(granted);
            }
            Optional<Row> found = read(c, key);
            if (found.isEmpty()) {
                continue; // released in between: claim it afresh
            }
            Optional<T> standing = rules.standing(found.get());
            if (standing.isPresent()) {
                return standing;
            }
            if (takeOver(c, key, holder, now, expiresAt, found.get())) {
                return Optional.of(rules.takenOver(found.get()));
            }
        }
        return Optional.empty();
    }

    /** The claim as stored, if there is one. */
    static Optional<Row> read(Connection c, Key key) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT holder, claimed_at, expires_at, outcome, finished_at"
                + " FROM conversation_claim WHERE org = ? AND conversation_id = ? AND purpose = ?")) {
            bind(select, 1, key);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long expires = rs.getLong(3);
                Optional<Instant> expiresAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expires));
                Optional<String> outcome = Optional.ofNullable(rs.getString(4));
                long finished = rs.getLong(5);
                Optional<Instant> finishedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(finished));
                return Optional.of(new Row(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), expiresAt, outcome, finishedAt));
            }
        }
    }

    /** Writes the outcome of a claim the holder has; false when the claim was lost (taken over). */
    static boolean finish(Connection c, Key key, String holder, String outcome, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE conversation_claim SET outcome = ?, finished_at = ?"
                + " WHERE org = ? AND conversation_id = ? AND purpose = ? AND holder = ?")) {
            update.setString(1, outcome);
            update.setLong(2, now.toEpochMilli());
            bind(update, 3, key);
            update.setString(6, holder);
            return update.executeUpdate() == 1;
        }
    }

    /** Gives the claim up, if the holder still has it. */
    static void release(Connection c, Key key, String holder) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM conversation_claim WHERE org = ? AND conversation_id = ? AND purpose = ? AND holder = ?")) {
            bind(delete, 1, key);
            delete.setString(4, holder);
            delete.executeUpdate();
        }
    }

    /** A claim of an org's conversation and its holder. */
    record Held(String conversationId, String holder) {
    }

    /** The org's claims of that purpose held by anyone but {@code holder}, oldest first. */
    static List<Held> heldByOthers(Connection c, String org, Purpose purpose, String holder) throws SQLException {
        List<Held> found = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT conversation_id, holder FROM conversation_claim"
                + " WHERE org = ? AND purpose = ? AND holder <> ? ORDER BY claimed_at")) {
            select.setString(1, org);
            select.setString(2, purpose.column());
            select.setString(3, holder);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(new Held(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return found;
    }

    private static boolean insert(Connection c, Key key, String holder, Instant now, Optional<Instant> expiresAt) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO conversation_claim (org, conversation_id, purpose, holder,"
                + " claimed_at, expires_at) VALUES (?,?,?,?,?,?) ON CONFLICT (org, conversation_id, purpose) DO NOTHING")) {
            bind(insert, 1, key);
            insert.setString(4, holder);
            insert.setLong(5, now.toEpochMilli());
            setInstant(insert, 6, expiresAt);
            return insert.executeUpdate() == 1;
        }
    }

    /** Takes the claim found over, only if it is still the one read (same holder, same moment). */
    private static boolean takeOver(Connection c, Key key, String holder, Instant now, Optional<Instant> expiresAt, Row found)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE conversation_claim SET holder = ?, claimed_at = ?, expires_at = ?,"
                + " outcome = NULL, finished_at = NULL"
                + " WHERE org = ? AND conversation_id = ? AND purpose = ? AND holder = ? AND claimed_at = ?")) {
            update.setString(1, holder);
            update.setLong(2, now.toEpochMilli());
            setInstant(update, 3, expiresAt);
            bind(update, 4, key);
            update.setString(7, found.holder());
            update.setLong(8, found.claimedAt().toEpochMilli());
            return update.executeUpdate() == 1;
        }
    }

    private static void bind(PreparedStatement statement, int first, Key key) throws SQLException {
        statement.setString(first, key.org());
        statement.setString(first + 1, key.conversationId());
        statement.setString(first + 2, key.purpose().column());
    }

    private static void setInstant(PreparedStatement statement, int index, Optional<Instant> at) throws SQLException {
        if (at.isPresent()) {
            statement.setLong(index, at.get().toEpochMilli());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }
}
