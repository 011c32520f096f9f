package dev.unstuck.app.service;

import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditLocation;
import dev.unstuck.app.store.SharedConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the audit database takes writes, for {@code /readyz} and {@code unstuck_audit_up}: a real
 * write (the serve's own heartbeat row in {@code audit_run}), not a ping. For SQLite also whether the
 * file is still there and still the one opened: a file deleted or replaced under the process keeps
 * taking writes into the deleted copy, and a restart would start empty. One check serves every caller
 * for a second, so probes and scrapes do not multiply writes.
 */
final class AuditHealth implements AutoCloseable {
    private static final Duration FRESH = Duration.ofSeconds(1);
    /** How long a check waits for SQLite's writer lock before saying the audit does not take writes. */
    private static final int BUSY_MILLIS = 5_000;

    private final AuditLocation location;
    private final String runId;
    private final Clock clock;
    private final Optional<Path> file;
    private final Optional<Object> fileKey;
    private final Optional<SharedConnection> sqlite;
    private Optional<String> last = Optional.empty();
    private Instant checkedAt = Instant.EPOCH;

    /** @param runId the serve's run, whose {@code audit_run} row the check renews */
    AuditHealth(AuditDatabase db, String runId, Clock clock) {
        this.location = db.location();
        this.runId = runId;
        this.clock = clock;
        this.file = location.sqliteFile().map(Path::toAbsolutePath);
        this.fileKey = file.flatMap(AuditHealth::keyOf);
        // SQLite: one connection held open (a new one would create an empty file where the old one was).
        // PostgreSQL: a new connection each check, so a restarted server is seen again.
        this.sqlite = file.map(f -> {
            SharedConnection c = SharedConnection.open(location);
            c.with(connection -> {
                try (Statement s = connection.createStatement()) {
                    s.execute("PRAGMA busy_timeout = " + BUSY_MILLIS);
                }
                return null;
            });
            return c;
        });
    }

    /** Why the audit does not take writes now, or empty when it does. */
    synchronized Optional<String> problem() {
        Instant now = clock.instant();
        if (checkedAt.plus(FRESH).isAfter(now) && !now.isBefore(checkedAt)) {
            return last;
        }
        last = check();
        checkedAt = now;
        return last;
    }

    private Optional<String> check() {
        if (file.isPresent()) {
            if (!Files.exists(file.get())) {
                return Optional.of("the audit database file " + file.get() + " was deleted under the service; restart it"
                        + " once the file is back (endings written now would be lost)");
            }
            if (!keyOf(file.get()).equals(fileKey)) {
                return Optional.of("the audit database file " + file.get() + " was replaced under the service; restart it");
            }
        }
        try {
            int rows = sqlite.isPresent() ? heartbeat(sqlite.get()) : heartbeatOnNewConnection();
            return rows == 1 ? Optional.empty()
                    : Optional.of("the audit database " + location + " lost the service's run row (audit_run); restart the service");
        } catch (AuditDatabase.AuditWriteFailed e) {
            return Optional.of(e.getMessage());
        }
    }

    private int heartbeatOnNewConnection() {
        try (SharedConnection c = SharedConnection.open(location)) {
            return heartbeat(c);
        }
    }

    private int heartbeat(SharedConnection c) {
        return c.with(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE audit_run SET alive_until = ? WHERE run_id = ?")) {
                update.setLong(1, clock.millis() + Duration.ofSeconds(60).toMillis());
                update.setString(2, runId);
                return update.executeUpdate();
            }
        });
    }

    private static Optional<Object> keyOf(Path file) {
        try {
            return Optional.ofNullable(Files.readAttributes(file, BasicFileAttributes.class).fileKey());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        sqlite.ifPresent(SharedConnection::close);
    }
}
