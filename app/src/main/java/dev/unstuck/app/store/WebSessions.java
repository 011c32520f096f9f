package dev.unstuck.app.store;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard sessions of people signed in with Genesys Cloud, in the audit database so that every
 * replica knows them. The session id is random (256 bits) and only its SHA-256 is stored. A session
 * ends when it is signed out, after {@code idle} without a request, or {@code absolute} after sign-in,
 * whatever its use: the permissions read at sign-in are not trusted for longer.
 */
public final class WebSessions {
    private static final String PREFIX = "uss_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A request within this of the last one seen does not write: a page's burst of calls costs one write. */
    private static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    private final SharedConnection db;
    private final Duration idle;
    private final Duration absolute;

    public WebSessions(SharedConnection db, Duration idle, Duration absolute) {
        this.db = db;
        this.idle = idle;
        this.absolute = absolute;
    }

    /**
     * A signed-in person as the session holds them.
     *
     * @param endDivisions the division ids where they may end conversations (empty: nowhere)
     * @param csrfToken what state-changing requests made with the session's cookie must send back
     */
    public record Session(String org, String userId, String userName, String role, List<String> endDivisions, String csrfToken) {
        public Session {
            endDivisions = List.copyOf(endDivisions);
        }
    }

    /** Whether {@code value} has the form of a session id (so a bearer value is looked up here, not as a token). */
    public static boolean looksLikeSession(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** Starts a session; answers its id, the only time it is seen. */
    public String open(String org, String userId, String userName, String role, List<String> endDivisions, Instant now) {
        String id = PREFIX + random();
        String csrf = random();
        db.with(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO web_session (id_hash, org, user_id, user_name, role,"
                    + " end_divisions, csrf_token, created_at, last_seen_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
                insert.setString(1, Sha256.hex(id));
                insert.setString(2, org);
                insert.setString(3, userId);
                insert.setString(4, userName);
                insert.setString(5, role);
                insert.setString(6, String.join(",", endDivisions));
                insert.setString(7, csrf);
                insert.setLong(8, now.toEpochMilli());
                insert.setLong(9, now.toEpochMilli());
                return insert.executeUpdate();
            }
        });
        return id;
    }

    /** The live session behind an id; marks it seen. Empty when unknown, signed out, idle too long or too old. */
    public Optional<Session> find(String id, Instant now) {
        return look(id, now, true);
    }

    /**
     * Whether the session behind an id is still live, without marking it seen: an open event stream asks
     * this at each heartbeat, which must not keep an idle session alive.
     */
    public boolean live(String id, Instant now) {
        return look(id, now, false).isPresent();
    }

    private Optional<Session> look(String id, Instant now, boolean touching) {
        if (!looksLikeSession(id)) {
            return Optional.empty();
        }
        String hash = Sha256.hex(id);
        return db.with(c -> {
            Session session;
            long lastSeen;
            try (PreparedStatement select = c.prepareStatement("SELECT org, user_id, user_name, role, end_divisions, csrf_token,"
                    + " created_at, last_seen_at FROM web_session WHERE id_hash = ? AND ended_at IS NULL")) {
                select.setString(1, hash);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Session>empty();
                    }
                    Instant created = Instant.ofEpochMilli(rs.getLong(7));
                    lastSeen = rs.getLong(8);
                    if (!now.isBefore(created.plus(absolute)) || !now.isBefore(Instant.ofEpochMilli(lastSeen).plus(idle))) {
                        return Optional.<Session>empty();
                    }
                    String divisions = rs.getString(5);
                    session = new Session(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            divisions.isEmpty() ? List.of() : Arrays.asList(divisions.split(",")), rs.getString(6));
                }
            }
            if (touching && now.toEpochMilli() - lastSeen >= TOUCH_EVERY.toMillis()) {
                try (PreparedStatement touch = c.prepareStatement("UPDATE web_session SET last_seen_at = ? WHERE id_hash = ?")) {
                    touch.setLong(1, now.toEpochMilli());
                    touch.setString(2, hash);
                    touch.executeUpdate();
                }
            }
            return Optional.of(session);
        });
    }

    /** Signs the session out; answers whether it was live. */
    public boolean end(String id, Instant now) {
        if (!looksLikeSession(id)) {
            return false;
        }
        return db.with(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE web_session SET ended_at = ? WHERE id_hash = ? AND ended_at IS NULL")) {
                update.setLong(1, now.toEpochMilli());
                update.setString(2, Sha256.hex(id));
                return update.executeUpdate() == 1;
            }
        });
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
