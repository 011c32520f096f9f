package dev.unstuck.app.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The audit database. Opening it applies the schema migrations, so a fresh file or an empty
 * PostgreSQL database is ready at once. One connection, used under a lock: the CLI writes from one
 * thread at a time and SQLite allows one writer anyway.
 */
public final class AuditDatabase implements AutoCloseable {
    private final AuditLocation location;
    private final Connection connection;

    private AuditDatabase(AuditLocation location, Connection connection) {
        this.location = location;
        this.connection = connection;
    }

    /** Opens (creating and migrating if needed) the audit at that location. */
    public static AuditDatabase open(AuditLocation location) throws AuditUnavailable {
        try {
            for (Path file : location.sqliteFile().stream().toList()) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    OwnerOnly.createFolders(parent);
                }
                if (!file.toString().isEmpty() && !file.toString().startsWith(":")) { // not SQLite's :memory:
                    OwnerOnly.createFile(file);
                }
            }
        } catch (IOException e) {
            throw new AuditUnavailable("cannot create the folder for the audit database " + location + ": " + e.getMessage());
        }
        try {
            Flyway.configure()
                    .dataSource(location.jdbcUrl(), null, null)
                    .locations("classpath:db/migration/" + location.vendor())
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new AuditUnavailable("cannot prepare the audit database " + location + ": " + rootMessage(e));
        }
        try {
            Connection connection = DriverManager.getConnection(location.jdbcUrl());
            return new AuditDatabase(location, connection);
        } catch (SQLException e) {
            throw new AuditUnavailable("cannot open the audit database " + location + ": " + rootMessage(e));
        }
    }

    public AuditLocation location() {
        return location;
    }

    public synchronized void append(AuditEntry entry) {
        String sql = "INSERT INTO audit_event (occurred_at, run_id, org, conversation_id, kind, requested_by, reason,"
                + " summary, state_before, state_after, correlation_ids) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setLong(1, entry.occurredAt().toEpochMilli());
            insert.setString(2, entry.runId());
            insert.setString(3, entry.org());
            insert.setString(4, entry.conversationId());
            insert.setString(5, entry.kind());
            insert.setString(6, entry.requestedBy());
            insert.setString(7, entry.reason());
            insert.setString(8, entry.summary());
            insert.setString(9, entry.stateBefore());
            insert.setString(10, entry.stateAfter());
            insert.setString(11, entry.correlationIds());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new AuditWriteFailed("cannot write to the audit database " + location + ": " + rootMessage(e), e);
        }
    }

    /** Entries oldest first; when more match than the limit, the newest are kept. */
    public synchronized List<AuditEntry> query(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT occurred_at, run_id, org, conversation_id, kind, requested_by, reason,"
                + " summary, state_before, state_after, correlation_ids FROM audit_event WHERE 1=1");
        List<Object> args = new ArrayList<>();
        query.since().ifPresent(since -> {
            sql.append(" AND occurred_at >= ?");
            args.add(since.toEpochMilli());
        });
        query.conversationId().ifPresent(id -> {
            sql.append(" AND conversation_id = ?");
            args.add(id);
        });
        query.runId().ifPresent(run -> {
            sql.append(" AND run_id = ?");
            args.add(run);
        });
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ").append(Math.max(1, query.limit()));
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                select.setObject(i + 1, args.get(i));
            }
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11)));
                }
            }
            Collections.reverse(entries);
            return entries;
        } catch (SQLException e) {
            throw new AuditWriteFailed("cannot read the audit database " + location + ": " + rootMessage(e), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing is best effort: every write was already committed (auto-commit).
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return AuditLocation.redact(newline < 0 ? message : message.substring(0, newline));
    }

    /** The audit cannot be opened: the caller reports it as a configuration problem. */
    public static final class AuditUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public AuditUnavailable(String message) {
            super(message);
        }
    }

    /** A write or read failed after the audit was opened: an I/O failure, not the user's doing. */
    public static final class AuditWriteFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AuditWriteFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
