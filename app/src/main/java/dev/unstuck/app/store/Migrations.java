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
 * <p>Every migration is written once. Where the SQL is the same for both databases it stands in
 * {@code db/migration/common}. V1 and V2 say a few things in each database's own SQL (V1's key column, V2's
 * text parsing): they are templates in {@code src/main/migrations}, filled at build time from
 * {@code sqlite.properties} and {@code postgresql.properties} into {@code db/migration/<vendor>} (app/pom.xml),
 * byte for byte the files earlier releases shipped. Flyway records a migration's version, description and a
 * checksum of its content, not its folder or how it was made, so databases that applied them still validate
 * (MigrationChecksumsTest pins the checksums on both). Never edit an applied migration (not even its
 * comments: they are part of the checksum); add a new version, in common/ unless the SQL must differ.
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
                    // V1 and V2 as built for this database (src/main/migrations); everything after them alike, in common/.
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
