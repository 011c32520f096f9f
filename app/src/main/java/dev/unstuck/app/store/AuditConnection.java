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
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audit database's one connection, used under a lock (sweep's parallel endings and the service's
 * requests share it). Writes that arrive while another is committing are committed together
 * ({@link GroupCommit}): one transaction for the batch instead of one per row with every other writer
 * queued behind it. A batch that meets SQLITE_BUSY past the busy timeout is retried a few times before
 * it fails.
 */
final class AuditConnection {
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(30);
    private static final int WRITE_ATTEMPTS = 5;

    private final AuditLocation location;
    private final Connection connection;
    private final RetryPolicy<Object> busy;
    private final ReentrantLock lock = new ReentrantLock();
    private final GroupCommit queued = new GroupCommit();

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
                    ? writer(location).getConnection()
                    : DriverManager.getConnection(location.jdbcUrl());
            return new AuditConnection(location, connection);
        } catch (SQLException e) {
            throw new AuditDatabase.AuditUnavailable("cannot open the audit database " + location + ": " + rootMessage(e));
        }
    }

    /**
     * The journal's connection: a batch's transaction takes SQLite's write lock when it begins, so it
     * waits out another process's writer (the busy timeout) at its start instead of failing half-way.
     */
    private static SQLiteDataSource writer(AuditLocation location) {
        SQLiteDataSource source = sqlite(location);
        source.getConfig().setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return source;
    }

    /**
     * WAL (readers never block the writer), a patient busy handler, and NORMAL sync (in WAL a commit
     * survives the process being killed; only a power cut may lose the last ones).
     */
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

    /**
     * One unit of work, committed (with whatever other writes queued meanwhile) before this returns;
     * retried while another process holds SQLite's write lock past the busy timeout. A unit must not
     * commit or roll back itself: it runs inside the batch's transaction, under its own savepoint.
     */
    <T> T write(Work<T> work) {
        if (lock.isHeldByCurrentThread()) {
            try {
                return work.run(); // a write inside a unit of work: already in its batch's transaction
            } catch (SQLException e) {
                throw failed("write to", e);
            }
        }
        GroupCommit.Unit<T> unit = new GroupCommit.Unit<>(work);
        queued.queue(unit);
        lock.lock();
        try {
            if (!unit.done()) {
                commitQueued();
            }
        } finally {
            lock.unlock();
        }
        return unit.result(e -> failed("write to", e));
    }

    /** Runs every queued unit in one transaction, the retries included; a batch that still fails fails each of its units. */
    private void commitQueued() {
        List<GroupCommit.Unit<?>> batch = queued.drain();
        if (batch.isEmpty()) {
            return;
        }
        try {
            Failsafe.with(busy).run(() -> GroupCommit.commit(connection, batch));
        } catch (FailsafeException e) {
            GroupCommit.failAll(batch, e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException | Error e) {
            GroupCommit.failAll(batch, e);
        }
    }

    /** How many writes wait for the lock's holder to commit them (for tests that line a batch up). */
    int queuedWrites() {
        return queued.waiting();
    }

    <T> T read(Work<T> work) {
        try {
            return Failsafe.with(busy).get(() -> {
                lock.lock();
                try {
                    return work.run();
                } finally {
                    lock.unlock();
                }
            });
        } catch (FailsafeException e) {
            throw failed("read", e.getCause() == null ? e : e.getCause());
        }
    }

    private AuditDatabase.AuditWriteFailed failed(String doing, Throwable cause) {
        return new AuditDatabase.AuditWriteFailed("cannot " + doing + " the audit database " + location + ": " + rootMessage(cause), cause);
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

    void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing is best effort: every write was already committed.
        } finally {
            lock.unlock();
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
