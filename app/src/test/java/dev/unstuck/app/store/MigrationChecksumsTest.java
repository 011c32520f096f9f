package dev.unstuck.app.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users' databases validate every applied migration by its checksum (Flyway's CRC of the content), so an
 * applied migration may move between folders (V10 and V11 moved from the vendor folders to common/) but
 * never change. The checksums below are those the released versions recorded.
 */
class MigrationChecksumsTest {
    @TempDir
    Path dir;

    @Test
    void appliedMigrationsKeepTheChecksumsExistingDatabasesRecorded() throws Exception {
        AuditLocation file = AuditLocation.parse(dir.resolve("audit.db").toString());
        Map<String, Integer> recorded = new TreeMap<>();
        try (AuditDatabase ignored = AuditDatabase.open(file); Connection c = DriverManager.getConnection(file.jdbcUrl());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version, checksum FROM flyway_schema_history")) {
            while (rs.next()) {
                recorded.put(rs.getString(1), rs.getInt(2));
            }
        }

        assertThat(recorded).containsAllEntriesOf(Map.of(
                "1", 401555691,
                "2", -1384788548,
                "10", -1826693034,
                "11", 1170686833,
                "20", 977394858));
    }
}
