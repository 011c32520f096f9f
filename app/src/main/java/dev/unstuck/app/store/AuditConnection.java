package dev.unstuck.app.store;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The audit database's one connection, used under a lock (sweep's parallel endings share it). A unit of
 * work that meets SQLITE_BUSY past the busy timeout is retried a few times before it fails.
 */
final class AuditConnection {
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(30);
    private static final int WRITE_ATTEMPTS = 5;

    private final AuditLocation location;
    private final Connection connection;
    private final RetryPolicy<Object> busy;

    private AuditConnection(AuditLocation location, Connection connection) {
        this.location = location;
        this.connection = connection;
        this.busy = RetryPolicy.builder()
                .handleIf(AuditConnection::isBusy)
                .withMaxAttempts(WRITE_ATTEMPTS)
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .withJitter(0.25)
                .build();
    }

    /** Connects to a database that is already migrated. */
    static AuditConnection open(AuditLocation location) throws AuditDatabase.AuditUnavailable {
        try {
            Connection connection = location.vendor().equals("sqlite")
                    ? sqlite(location).getConnection()
                    : DriverManager.getConnection(location.jdbcUrl());
            return new AuditConnection(location, connection);
        } catch (SQLException e) {
            throw new AuditDatabase.AuditUnavailable("cannot open the audit database " + location + ": " + rootMessage(e));
        }
    }

    /** WAL (readers never block the writer), a patient busy handler, and NORMAL sync, which WAL makes safe. */
    static SQLiteDataSource sqlite(AuditLocation location) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(location.jdbcUrl());
        return source;
    }

    AuditLocation location() {
        return location;
    }

    /** The connection itself, for work already running under {@link #write} or {@link #read}. */
    Connection connection() {
        return connection;
    }

    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    interface VoidWork {
        void run() throws SQLException;
    }

    void write(VoidWork work) {
        write(() -> {
            work.run();
            return null;
        });
    }

    /** One unit of work under the lock, retried while another process holds SQLite's write lock past the busy timeout. */
    <T> T write(Work<T> work) {
        return locked("write to", work);
    }

    <T> T read(Work<T> work) {
        return locked("read", work);
    }

    private <T> T locked(String doing, Work<T> work) {
        try {
            return Failsafe.with(busy).get(() -> {
                synchronized (this) {
                    return work.run();
                }
            });
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new AuditDatabase.AuditWriteFailed("cannot " + doing + " the audit database " + location + ": " + rootMessage(cause), cause);
        }
    }

    /** SQLITE_BUSY or SQLITE_LOCKED, extended codes included (BUSY_SNAPSHOT when a WAL reader must restart). */
    static boolean isBusy(Throwable e) {
        if (!(e instanceof SQLException sql)) {
            return false;
        }
        int primary = sql.getErrorCode() & 0xff;
        String message = String.valueOf(sql.getMessage());
        return primary == 5 || primary == 6 || message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED");
    }

    synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing is best effort: every write was already committed.
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return AuditLocation.redact(newline < 0 ? message : message.substring(0, newline));
    }
}
