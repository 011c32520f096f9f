package dev.unstuck.app.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The runs of this process in {@code audit_run}: each begun run holds a lease, renewed by a heartbeat
 * thread until the run finishes or the database is closed, so other processes can tell a live run from
 * a stopped one ({@link RunLiveness}).
 */
final class RunLeases {
    private final AuditConnection db;
    private final Clock clock;
    private final Set<String> openRuns = Collections.synchronizedSet(new LinkedHashSet<>());
    private ScheduledExecutorService heartbeat;

    RunLeases(AuditConnection db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records that a run began; its lease is renewed until {@link #finishRun} or {@link #close}. */
    void startRun(String runId, String command, String caller) {
        if (openRuns.contains(runId)) {
            return;
        }
        long now = clock.millis();
        db.write(() -> {
            try (PreparedStatement insert = db.connection().prepareStatement("INSERT INTO audit_run (run_id, command, caller, host, pid,"
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
    void finishRun(String runId) {
        if (!openRuns.remove(runId)) {
            return;
        }
        long now = clock.millis();
        db.write(() -> {
            try (PreparedStatement update = db.connection().prepareStatement("UPDATE audit_run SET ended_at = ?, alive_until = ? WHERE run_id = ?")) {
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
                db.write(() -> {
                    try (PreparedStatement update = db.connection().prepareStatement("UPDATE audit_run SET alive_until = ? WHERE run_id = ?")) {
                        update.setLong(1, clock.millis() + RunLiveness.LEASE.toMillis());
                        update.setString(2, runId);
                        update.executeUpdate();
                    }
                });
            }
        } catch (AuditDatabase.AuditWriteFailed e) {
            // A missed renewal only matters to runs on other hosts, and the next one may succeed.
        }
    }

    /** What {@code audit_run} says of a run, for telling whether it is alive. */
    Optional<RunLiveness.Run> run(String runId) {
        return db.read(() -> {
            try (PreparedStatement select = db.connection().prepareStatement(
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

    /** Finishes the runs still open and stops the heartbeat. */
    void close() {
        for (String runId : List.copyOf(openRuns)) {
            try {
                finishRun(runId);
            } catch (AuditDatabase.AuditWriteFailed e) {
                // The run's process is gone in a moment; on this host that alone marks the run as stopped.
            }
        }
        synchronized (this) {
            if (heartbeat != null) {
                heartbeat.shutdownNow();
            }
        }
    }
}
