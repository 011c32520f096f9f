package dev.unstuck.app.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One JDBC connection to the audit database, used by one thread at a time. The service's stores
 * (tokens, claims, idempotency keys) each hold one, so a slow audit write never blocks a token check.
 * SQLite connections wait up to 30 s for a writer to finish instead of failing at once.
 */
public final class SharedConnection implements AutoCloseable {
    private final AuditLocation location;
    private final Connection connection;

    private SharedConnection(AuditLocation location, Connection connection) {
        this.location = location;
        this.connection = connection;
    }

    /** Opens a connection; the database must already be migrated ({@link AuditDatabase#open}). */
    public static SharedConnection open(AuditLocation location) {
        try {
            Connection connection = DriverManager.getConnection(location.jdbcUrl());
            if (location.vendor().equals("sqlite")) {
                try (Statement s = connection.createStatement()) {
                    s.execute("PRAGMA busy_timeout = 30000");
                }
            }
            return new SharedConnection(location, connection);
        } catch (SQLException e) {
            throw new AuditDatabase.AuditWriteFailed("cannot open the audit database " + location + ": " + e.getMessage(), e);
        }
    }

    /** Work done on the connection. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    public synchronized <T> T with(Work<T> work) {
        try {
            return work.on(connection);
        } catch (SQLException e) {
            throw new AuditDatabase.AuditWriteFailed("audit database " + location + ": " + AuditLocation.redact(firstLine(e.getMessage())), e);
        }
    }

    public AuditLocation location() {
        return location;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Every write was committed (auto-commit); nothing to lose.
        }
    }
}
