package dev.unstuck.app.store;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The service's API tokens. A token is shown once, when created; only its SHA-256 is stored, so a copy
 * of the database lets nobody call the service. Tokens are random (256 bits), so a plain hash is
 * enough: there is nothing to guess that a slow hash would protect.
 */
public final class ApiTokens {
    private static final String PREFIX = "ust_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SharedConnection db;

    public ApiTokens(SharedConnection db) {
        this.db = db;
    }

    /** A token as listed: never its secret. */
    public record Listed(String name, String role, Instant createdAt, String createdBy) {
    }

    /** Who a presented token belongs to. */
    public record Holder(String name, String role) {
    }

    /** The name is taken already. */
    public static final class NameTaken extends Exception {
        private static final long serialVersionUID = 1L;

        public NameTaken(String name) {
            super("a token named '" + name + "' exists; revoke it first or choose another name");
        }
    }

    /** Creates a token and answers its secret, the only time it is seen. */
    public String create(String name, String role, String createdBy, Instant now) throws NameTaken {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        boolean inserted = db.with(c -> {
            if (find(c, name)) {
                return false;
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO api_token (name, role, token_hash, created_at, created_by) VALUES (?,?,?,?,?)")) {
                insert.setString(1, name);
                insert.setString(2, role);
                insert.setString(3, Sha256.hex(token));
                insert.setLong(4, now.toEpochMilli());
                insert.setString(5, createdBy);
                insert.executeUpdate();
                return true;
            }
        });
        if (!inserted) {
            throw new NameTaken(name);
        }
        return token;
    }

    public List<Listed> list() {
        return db.with(c -> {
            List<Listed> tokens = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT name, role, created_at, created_by FROM api_token ORDER BY name");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    tokens.add(new Listed(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4)));
                }
            }
            return tokens;
        });
    }

    /** Answers whether a token of that name existed. */
    public boolean revoke(String name) {
        return db.with(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM api_token WHERE name = ?")) {
                delete.setString(1, name);
                return delete.executeUpdate() > 0;
            }
        });
    }

    /** The holder of a presented token, if it is one of ours and not revoked. */
    public Optional<Holder> holder(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        String hash = Sha256.hex(presented);
        return db.with(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT name, role FROM api_token WHERE token_hash = ?")) {
                select.setString(1, hash);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new Holder(rs.getString(1), rs.getString(2))) : Optional.<Holder>empty();
                }
            }
        });
    }

    private static boolean find(java.sql.Connection c, String name) throws java.sql.SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM api_token WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }
}
