package dev.unstuck.app.store;

import dev.unstuck.core.engine.Claim;
import dev.unstuck.core.engine.Unfinished;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * The audit database: the journal of every plan, act and outcome, the runs and their claims. Opening it
 * applies the schema migrations ({@link Migrations}), so a fresh file or an empty PostgreSQL database is
 * ready at once. One connection, used under a lock ({@link AuditConnection}).
 *
 * <p>This class only puts the parts together for its callers; each part has one job: {@link Journal}
 * writes, {@link AuditReader} reads, {@link RunLeases} keeps this process's runs alive, {@link RunClaims}
 * claims conversations for a run.
 *
 * <p>SQLite runs in WAL mode so readers (a DB browser, a backup, {@code sqlite3}) never block a write,
 * waits up to {@link AuditConnection#BUSY_TIMEOUT} for a writer of another process, and retries a write
 * that still meets SQLITE_BUSY a few times before it fails.
 */
public final class AuditDatabase implements AutoCloseable {
    private final AuditConnection connection;
    private final Journal journal;
    private final AuditReader reader;
    private final RunLeases leases;
    private final RunClaims claims;

    private AuditDatabase(AuditConnection connection, Clock clock) {
        this.connection = connection;
        this.journal = new Journal(connection);
        this.reader = new AuditReader(connection);
        this.leases = new RunLeases(connection, clock);
        this.claims = new RunClaims(connection, clock, leases);
    }

    /** Opens (creating and migrating if needed) the audit at that location. */
    public static AuditDatabase open(AuditLocation location) throws AuditUnavailable {
        return open(location, Clock.systemUTC());
    }

    static AuditDatabase open(AuditLocation location, Clock clock) throws AuditUnavailable {
        Migrations.prepare(location);
        return new AuditDatabase(AuditConnection.open(location), clock);
    }

    public AuditLocation location() {
        return connection.location();
    }

    // ---- the journal --------------------------------------------------------------------------

    public void append(AuditEntry entry) {
        journal.append(entry);
    }

    /** Appends an outcome and releases the run's claim on its conversation, together. */
    public void appendOutcome(AuditEntry entry) {
        journal.appendOutcome(entry);
    }

    /** Entries oldest first; when more match than the limit, the newest are kept. */
    public List<AuditEntry> query(AuditQuery query) {
        return reader.query(query);
    }

    /** One page, newest first: at most {@code limit} rows matching, older than {@code beforeId} when given. */
    public AuditPage page(AuditQuery query) {
        return reader.page(query);
    }

    /** Reads one result row; the reader of a report maps columns to its own values. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * Runs a read-only query with its arguments bound in order, for readers that group and count in SQL
     * (reports) rather than load rows; the statement is the caller's, the connection and its lock are ours.
     */
    public <T> List<T> select(String sql, List<?> args, RowReader<T> rows) {
        return reader.select(sql, args, rows);
    }

    // ---- runs and claims ----------------------------------------------------------------------

    /** Records that a run began; its lease is renewed until {@link #finishRun} or {@link #close}. */
    public void startRun(String runId, String command, String caller) {
        leases.startRun(runId, command, caller);
    }

    /** The run is over: what it left claimed (a write that failed mid-ending) is for the next run to finish. */
    public void finishRun(String runId) {
        leases.finishRun(runId);
    }

    /**
     * Claims a conversation of {@code org} for {@code runId}: granted when free or already this run's,
     * held when a live run has it, taken over (with what that run left open) when its run stopped.
     */
    public Claim claim(String org, String conversationId, String runId) {
        return claims.claim(org, conversationId, runId);
    }

    /** Endings of {@code org} that a stopped run left claimed, oldest first; {@code runId}'s own are not among them. */
    public List<Unfinished> unfinished(String org, String runId) {
        return claims.unfinished(org, runId);
    }

    @Override
    public void close() {
        leases.close();
        connection.close();
    }

    /** The audit cannot be opened: the caller reports it as a configuration problem. */
    public static final class AuditUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public AuditUnavailable(String message) {
            super(message);
        }
    }

    /** A write or read failed after the audit was opened (retries included): an I/O failure, not the user's doing. */
    public static final class AuditWriteFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AuditWriteFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
