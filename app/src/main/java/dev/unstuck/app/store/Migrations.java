package dev.unstuck.app.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Brings an audit database to the current schema (Flyway), so a fresh file or an empty PostgreSQL
 * database is ready at once. Processes opening a fresh SQLite file at once take turns at the migration
 * (a file lock beside it); PostgreSQL's migrations lock on their own (Flyway).
 *
 * <p>Where the SQL is the same for both databases a migration is written once, in
 * {@code db/migration/common}; the vendor folders hold only what differs (V1's key column, V2's text
 * parsing). V10 and V11 were first written twice and moved to common/ byte for byte: Flyway records a
 * migration's version, description and a checksum of its content, not its folder, so a database that
 * applied them from its vendor folder still validates. Never edit an applied migration (not even its
 * comments: they are part of the checksum); add a new version instead.
 */
final class Migrations {
    /** One lock per database file, for the threads of this JVM (the file lock serves between processes). */
    private static final ConcurrentMap<Path, Object> MIGRATING = new ConcurrentHashMap<>();

    private Migrations() {
    }

    /** Creates the SQLite file (owner only) and its folder if needed, then migrates under the file lock. */
    static void prepare(AuditLocation location) throws AuditDatabase.AuditUnavailable {
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
            throw new AuditDatabase.AuditUnavailable("cannot create the folder for the audit database " + location + ": " + e.getMessage());
        }
        if (file.isPresent()) {
            // Flyway does not lock a SQLite file: processes (and, in one JVM, threads: a file lock is per process) take turns.
            Path lockFile = Path.of(file.get().toAbsolutePath() + ".migrate.lock");
            synchronized (MIGRATING.computeIfAbsent(lockFile, f -> new Object())) {
                try {
                    OwnerOnly.createFile(lockFile);
                } catch (IOException e) {
                    throw new AuditDatabase.AuditUnavailable("cannot prepare the audit database " + location + ": " + e.getMessage());
                }
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    migrate(location);
                } catch (IOException e) {
                    throw new AuditDatabase.AuditUnavailable("cannot prepare the audit database " + location + ": " + e.getMessage());
                }
            }
        } else {
            migrate(location);
        }
    }

    private static void migrate(AuditLocation location) throws AuditDatabase.AuditUnavailable {
        try {
            var configuration = Flyway.configure()
                    // What differs by database stands in its vendor folder; what both run alike is written once, in common/.
                    .locations("classpath:db/migration/" + location.vendor(), "classpath:db/migration/common")
                    .loggers("slf4j");
            configuration = location.vendor().equals("sqlite")
                    ? configuration.dataSource(AuditConnection.sqlite(location))
                    : configuration.dataSource(location.jdbcUrl(), null, null);
            configuration.load().migrate();
        } catch (FlywayException e) {
            throw new AuditDatabase.AuditUnavailable("cannot prepare the audit database " + location + ": " + AuditConnection.rootMessage(e));
        }
    }
}
