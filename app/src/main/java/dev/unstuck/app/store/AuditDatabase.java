package dev.unstuck.app.store;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.unstuck.core.engine.Claim;
import dev.unstuck.core.engine.Detection;
import dev.unstuck.core.engine.Unfinished;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The audit database: the journal of every plan, act and outcome, the runs and their claims.
 * Opening it applies the schema migrations, so a fresh file or an empty PostgreSQL database is ready
 * at once. One connection, used under a lock (sweep's parallel endings share it).
 *
 * <p>SQLite runs in WAL mode so readers (a DB browser, a backup, {@code sqlite3}) never block a write,
 * waits up to {@link #BUSY_TIMEOUT} for a writer of another process, and retries a write that still
 * meets SQLITE_BUSY a few times before it fails. Processes opening a fresh file at once take turns at
 * the migration (a file lock beside it); PostgreSQL's migrations lock on their own (Flyway).
 */
public final class AuditDatabase implements AutoCloseable {
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(30);
    private static final int WRITE_ATTEMPTS = 5;
    /** One lock per database file, for the threads of this JVM (the file lock serves between processes). */
    private static final java.util.concurrent.ConcurrentMap<Path, Object> MIGRATING = new java.util.concurrent.ConcurrentHashMap<>();

    private final AuditLocation location;
    private final Connection connection;
    private final Clock clock;
    private final RetryPolicy<Object> busy;
    private final Set<String> openRuns = Collections.synchronizedSet(new LinkedHashSet<>());
    private ScheduledExecutorService heartbeat;

    private AuditDatabase(AuditLocation location, Connection connection, Clock clock) {
        this.location = location;
        this.connection = connection;
        this.clock = clock;
        this.busy = RetryPolicy.builder()
                .handleIf(AuditDatabase::isBusy)
                .withMaxAttempts(WRITE_ATTEMPTS)
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .withJitter(0.25)
                .build();
    }

    /** Opens (creating and migrating if needed) the audit at that location. */
    public static AuditDatabase open(AuditLocation location) throws AuditUnavailable {
        return open(location, Clock.systemUTC());
    }

    static AuditDatabase open(AuditLocation location, Clock clock) throws AuditUnavailable {
        Optional<Path> file = location.sqliteFile();
        try {
            for (Path f : file.stream().toList()) {
                Path parent = f.toAbsolutePath().getParent();
                if (parent != null) {
                    OwnerOnly.createFolders(parent);
                }
                if (!f.toString().isEmpty() && !f.toString().startsWith(":")) { // not SQLite's :memory:
                    OwnerOnly.createFile(f);
                }
            }
        } catch (IOException e) {
            throw new AuditUnavailable("cannot create the folder for the audit database " + location + ": " + e.getMessage());
        }
        if (file.isPresent()) {
            // Flyway does not lock a SQLite file: processes (and, in one JVM, threads: a file lock is per process) take turns.
            Path lockFile = Path.of(file.get().toAbsolutePath() + ".migrate.lock");
            synchronized (MIGRATING.computeIfAbsent(lockFile, f -> new Object())) {
                try {
                    OwnerOnly.createFile(lockFile);
                } catch (IOException e) {
                    throw new AuditUnavailable("cannot prepare the audit database " + location + ": " + e.getMessage());
                }
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    migrate(location);
                } catch (IOException e) {
                    throw new AuditUnavailable("cannot prepare the audit database " + location + ": " + e.getMessage());
                }
            }
        } else {
            migrate(location);
        }
        try {
            Connection connection = location.vendor().equals("sqlite")
                    ? sqlite(location).getConnection()
                    : DriverManager.getConnection(location.jdbcUrl());
            return new AuditDatabase(location, connection, clock);
        } catch (SQLException e) {
            throw new AuditUnavailable("cannot open the audit database " + location + ": " + rootMessage(e));
        }
    }

    private static void migrate(AuditLocation location) throws AuditUnavailable {
        try {
            var configuration = Flyway.configure()
                    // What differs by database stands in its vendor folder; what both run alike is written once, in common/.
                    .locations("classpath:db/migration/" + location.vendor(), "classpath:db/migration/common")
                    .loggers("slf4j");
            configuration = location.vendor().equals("sqlite")
                    ? configuration.dataSource(sqlite(location))
                    : configuration.dataSource(location.jdbcUrl(), null, null);
            configuration.load().migrate();
        } catch (FlywayException e) {
            throw new AuditUnavailable("cannot prepare the audit database " + location + ": " + rootMessage(e));
        }
    }

    /** WAL (readers never block the writer), a patient busy handler, and NORMAL sync, which WAL makes safe. */
    private static SQLiteDataSource sqlite(AuditLocation location) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(location.jdbcUrl());
        return source;
    }

    public AuditLocation location() {
        return location;
    }

    // ---- the journal --------------------------------------------------------------------------

    public void append(AuditEntry entry) {
        write(() -> insert(entry));
    }

    /** Appends an outcome and releases the run's claim on its conversation, together. */
    public void appendOutcome(AuditEntry entry) {
        write(() -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                insert(entry);
                try (PreparedStatement release = connection.prepareStatement(
                        "DELETE FROM audit_claim WHERE org = ? AND conversation_id = ? AND run_id = ?")) {
                    release.setString(1, entry.org());
                    release.setString(2, entry.conversationId());
                    release.setString(3, entry.runId());
                    release.executeUpdate();
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        });
    }

    private void insert(AuditEntry entry) throws SQLException {
        String sql = "INSERT INTO audit_event (occurred_at, run_id, org, conversation_id, kind, requested_by, reason, summary,"
                + " state_before, state_after, correlation_ids, queue, outcome, status, act_id, dry_run,"
                + " rule, flow_id, flow_name, queue_id, passes, waiting_since)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
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
            insert.setString(11, String.join(" ", entry.correlationIds()));
            insert.setString(12, entry.queue());
            insert.setString(13, entry.outcome());
            if (entry.status().isPresent()) {
                insert.setInt(14, entry.status().getAsInt());
            } else {
                insert.setNull(14, Types.INTEGER);
            }
            insert.setString(15, entry.actId());
            insert.setInt(16, entry.dryRun() ? 1 : 0);
            Detection found = entry.detection();
            insert.setString(17, found.rule());
            insert.setString(18, found.flowId().orElse(""));
            insert.setString(19, found.flowName().orElse(""));
            insert.setString(20, found.queueId().orElse(""));
            insert.setInt(21, found.passes());
            if (found.waitingSince().isPresent()) {
                insert.setLong(22, found.waitingSince().get().toEpochMilli());
            } else {
                insert.setNull(22, Types.BIGINT);
            }
            insert.executeUpdate();
        }
    }

    private static final String COLUMNS = "id, occurred_at, run_id, org, conversation_id, kind, requested_by, reason, summary,"
            + " state_before, state_after, correlation_ids, queue, outcome, status, act_id, dry_run, rule, flow_id, flow_name,"
            + " queue_id, passes, waiting_since";

    /** Entries oldest first; when more match than the limit, the newest are kept. */
    public List<AuditEntry> query(AuditQuery query) {
        List<AuditEntry> entries = new ArrayList<>(rows(query, Math.max(1, query.limit())).stream().map(AuditPage.Row::entry).toList());
        Collections.reverse(entries);
        return entries;
    }

    /** One page, newest first: at most {@code limit} rows matching, older than {@code beforeId} when given. */
    public AuditPage page(AuditQuery query) {
        int limit = Math.max(1, query.limit());
        List<AuditPage.Row> found = rows(query, limit + 1);
        if (found.size() <= limit) {
            return new AuditPage(found, OptionalLong.empty());
        }
        List<AuditPage.Row> page = found.subList(0, limit);
        return new AuditPage(page, OptionalLong.of(page.get(limit - 1).id()));
    }

    /** Matching rows newest first (by id: the order they were written), at most {@code limit}. */
    private List<AuditPage.Row> rows(AuditQuery query, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_event WHERE 1=1");
        List<Object> args = new ArrayList<>();
        query.since().ifPresent(since -> {
            sql.append(" AND occurred_at >= ?");
            args.add(since.toEpochMilli());
        });
        query.until().ifPresent(until -> {
            sql.append(" AND occurred_at <= ?");
            args.add(until.toEpochMilli());
        });
        query.org().ifPresent(org -> {
            sql.append(" AND org = ?");
            args.add(org);
        });
        query.conversationId().ifPresent(id -> {
            sql.append(" AND conversation_id = ?");
            args.add(id);
        });
        query.runId().ifPresent(run -> {
            sql.append(" AND run_id = ?");
            args.add(run);
        });
        query.outcome().ifPresent(word -> {
            sql.append(" AND outcome = ?");
            args.add(word);
        });
        query.queue().ifPresent(queue -> {
            sql.append(" AND (queue = ? OR queue_id = ?)");
            args.add(queue);
            args.add(queue);
        });
        query.rule().ifPresent(rule -> {
            sql.append(" AND rule = ?");
            args.add(rule.equals(AuditQuery.MANUAL) ? "" : rule);
        });
        query.caller().ifPresent(caller -> {
            sql.append(" AND requested_by = ?");
            args.add(caller);
        });
        query.beforeId().ifPresent(id -> {
            sql.append(" AND id < ?");
            args.add(id);
        });
        if (!query.includeDryRuns()) {
            sql.append(" AND dry_run = 0");
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(limit);
        return read(() -> {
            List<AuditPage.Row> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    select.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(new AuditPage.Row(rs.getLong("id"), entry(rs)));
                    }
                }
            }
            return found;
        });
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        int status = rs.getInt("status");
        OptionalInt statusOrNone = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
        long waiting = rs.getLong("waiting_since");
        Optional<Instant> waitingSince = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(waiting));
        String rule = rs.getString("rule");
        // A row no rule asked for has no detection; the queue column is then the engine's look alone.
        Detection found = rule.isEmpty() ? Detection.NONE : new Detection(rule, present(rs.getString("queue_id")),
                present(rs.getString("queue")), present(rs.getString("flow_id")), present(rs.getString("flow_name")),
                rs.getInt("passes"), waitingSince);
        return new AuditEntry(Instant.ofEpochMilli(rs.getLong("occurred_at")), rs.getString("run_id"), rs.getString("org"),
                rs.getString("conversation_id"), rs.getString("kind"), rs.getString("requested_by"), rs.getString("reason"),
                rs.getString("summary"), rs.getString("state_before"), rs.getString("state_after"),
                correlationIds(rs.getString("correlation_ids")), rs.getString("queue"), rs.getString("outcome"), statusOrNone,
                rs.getString("act_id"), rs.getInt("dry_run") != 0, found);
    }

    private static Optional<String> present(String text) {
        return text == null || text.isEmpty() ? Optional.empty() : Optional.of(text);
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
    public <T> List<T> select(String sql, List<?> args, RowReader<T> reader) {
        return read(() -> {
            List<T> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    select.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(reader.read(rs));
                    }
                }
            }
            return found;
        });
    }

    /** Older rows joined several ids with spaces or commas. */
    static List<String> correlationIds(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }

    // ---- runs and claims ----------------------------------------------------------------------

    /** Records that a run began; its lease is renewed until {@link #finishRun} or {@link #close}. */
    public void startRun(String runId, String command, String caller) {
        if (openRuns.contains(runId)) {
            return;
        }
        long now = clock.millis();
        write(() -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_run (run_id, command, caller, host, pid,"
                    + " pid_started, started_at, alive_until) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (run_id) DO NOTHING")) {
                insert.setString(1, runId);
                insert.setString(2, command);
                insert.setString(3, caller);
                insert.setString(4, RunLiveness.HOST);
                insert.setLong(5, RunLiveness.PID);
                insert.setLong(6, RunLiveness.PID_STARTED);
                insert.setLong(7, now);
                insert.setLong(8, now + RunLiveness.LEASE.toMillis());
                insert.executeUpdate();
            }
        });
        openRuns.add(runId);
        synchronized (this) {
            if (heartbeat == null) {
                heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "audit-lease");
                    thread.setDaemon(true);
                    return thread;
                });
                long every = RunLiveness.RENEW_EVERY.toMillis();
                heartbeat.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** The run is over: what it left claimed (a write that failed mid-ending) is for the next run to finish. */
    public void finishRun(String runId) {
        if (!openRuns.remove(runId)) {
            return;
        }
        long now = clock.millis();
        write(() -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE audit_run SET ended_at = ?, alive_until = ? WHERE run_id = ?")) {
                update.setLong(1, now);
                update.setLong(2, now);
                update.setString(3, runId);
                update.executeUpdate();
            }
        });
    }

    private void renewLeases() {
        try {
            for (String runId : List.copyOf(openRuns)) {
                write(() -> {
                    try (PreparedStatement update = connection.prepareStatement("UPDATE audit_run SET alive_until = ? WHERE run_id = ?")) {
                        update.setLong(1, clock.millis() + RunLiveness.LEASE.toMillis());
                        update.setString(2, runId);
                        update.executeUpdate();
                    }
                });
            }
        } catch (AuditWriteFailed e) {
            // A missed renewal only matters to runs on other hosts, and the next one may succeed.
        }
    }

    /**
     * Claims a conversation of {@code org} for {@code runId}: granted when free or already this run's,
     * held when a live run has it, taken over (with what that run left open) when its run stopped.
     */
    public Claim claim(String org, String conversationId, String runId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            int inserted = write(() -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_claim (org, conversation_id, run_id, claimed_at)"
                        + " VALUES (?,?,?,?) ON CONFLICT (org, conversation_id) DO NOTHING")) {
                    insert.setString(1, org);
                    insert.setString(2, conversationId);
                    insert.setString(3, runId);
                    insert.setLong(4, clock.millis());
                    return insert.executeUpdate();
                }
            });
            if (inserted == 1) {
                return Claim.GRANTED;
            }
            Optional<String> holder = holderOf(org, conversationId);
            if (holder.isEmpty()) {
                continue; // released in between: claim it afresh
            }
            if (holder.get().equals(runId)) {
                return Claim.GRANTED;
            }
            if (RunLiveness.alive(run(holder.get()), clock.instant())) {
                return new Claim.Held(holder.get());
            }
            Unfinished previous = unfinishedOf(org, conversationId, holder.get());
            int taken = write(() -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE audit_claim SET run_id = ?, claimed_at = ?"
                        + " WHERE org = ? AND conversation_id = ? AND run_id = ?")) {
                    update.setString(1, runId);
                    update.setLong(2, clock.millis());
                    update.setString(3, org);
                    update.setString(4, conversationId);
                    update.setString(5, holder.get());
                    return update.executeUpdate();
                }
            });
            if (taken == 1) {
                return new Claim.TakenOver(previous);
            }
        }
        return new Claim.Held("(another run)");
    }

    /** Endings of {@code org} that a stopped run left claimed, oldest first; {@code runId}'s own are not among them. */
    public List<Unfinished> unfinished(String org, String runId) {
        List<String[]> claims = read(() -> {
            List<String[]> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT conversation_id, run_id FROM audit_claim WHERE org = ? AND run_id <> ? ORDER BY claimed_at")) {
                select.setString(1, org);
                select.setString(2, runId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            return found;
        });
        Instant now = clock.instant();
        List<Unfinished> left = new ArrayList<>();
        for (String[] claim : claims) {
            if (!RunLiveness.alive(run(claim[1]), now)) {
                left.add(unfinishedOf(org, claim[0], claim[1]));
            }
        }
        return left;
    }

    private Optional<String> holderOf(String org, String conversationId) {
        return read(() -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT run_id FROM audit_claim WHERE org = ? AND conversation_id = ?")) {
                select.setString(1, org);
                select.setString(2, conversationId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    private Optional<RunLiveness.Run> run(String runId) {
        return read(() -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT host, pid, pid_started, alive_until, ended_at FROM audit_run WHERE run_id = ?")) {
                select.setString(1, runId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<RunLiveness.Run>empty();
                    }
                    long ended = rs.getLong(5);
                    Optional<Long> endedAt = rs.wasNull() ? Optional.empty() : Optional.of(ended);
                    return Optional.of(new RunLiveness.Run(runId, rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), endedAt));
                }
            }
        });
    }

    /** The stopped run's reason for the ending, and every intent of the conversation that never got its completion. */
    private Unfinished unfinishedOf(String org, String conversationId, String runId) {
        return read(() -> {
            String reason = "";
            Detection found = Detection.NONE;
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM audit_event WHERE org = ?"
                    + " AND conversation_id = ? AND run_id = ? AND kind IN ('plan', 'resume') ORDER BY id DESC LIMIT 1")) {
                select.setString(1, org);
                select.setString(2, conversationId);
                select.setString(3, runId);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        AuditEntry begun = entry(rs);
                        reason = begun.reason();
                        found = begun.detection();
                    }
                }
            }
            List<Unfinished.OpenAct> open = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT i.act_id, i.summary FROM audit_event i"
                    + " WHERE i.org = ? AND i.conversation_id = ? AND i.kind = 'intent' AND NOT EXISTS"
                    + " (SELECT 1 FROM audit_event s WHERE s.act_id = i.act_id AND s.kind = 'step') ORDER BY i.id")) {
                select.setString(1, org);
                select.setString(2, conversationId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        open.add(new Unfinished.OpenAct(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return new Unfinished(conversationId, runId, reason, open, found);
        });
    }

    // ---- plumbing -----------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    private interface VoidWork {
        void run() throws SQLException;
    }

    private void write(VoidWork work) {
        write(() -> {
            work.run();
            return null;
        });
    }

    /** One unit of work under the lock, retried while another process holds SQLite's write lock past the busy timeout. */
    private <T> T write(Work<T> work) {
        return locked("write to", work);
    }

    private <T> T read(Work<T> work) {
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
            throw new AuditWriteFailed("cannot " + doing + " the audit database " + location + ": " + rootMessage(cause), cause);
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

    @Override
    public void close() {
        for (String runId : List.copyOf(openRuns)) {
            try {
                finishRun(runId);
            } catch (AuditWriteFailed e) {
                // The run's process is gone in a moment; on this host that alone marks the run as stopped.
            }
        }
        synchronized (this) {
            if (heartbeat != null) {
                heartbeat.shutdownNow();
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing is best effort: every write was already committed.
            }
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

    /** A write or read failed after the audit was opened (retries included): an I/O failure, not the user's doing. */
    public static final class AuditWriteFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AuditWriteFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
