package dev.unstuck.app.store;

import dev.unstuck.app.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users' databases validate every applied migration by its checksum (Flyway's CRC of the content), so an
 * applied migration may move between folders (V10 and V11 moved from the vendor folders to common/) or be
 * assembled from one template per database (V1 and V2, src/main/migrations) but its text never changes. The
 * checksums below are those the released versions recorded, on each database.
 */
class MigrationChecksumsTest {
    @TempDir
    Path dir;

    @Test
    void sqliteDatabasesKeepTheChecksumsTheyRecorded() throws Exception {
        AuditLocation file = AuditLocation.parse(dir.resolve("audit.db").toString());
        try (AuditDatabase ignored = AuditDatabase.open(file)) {
            assertThat(recorded(file)).containsAllEntriesOf(Map.of(
                    "1", 401555691,
                    "2", -1384788548,
                    "10", -1826693034,
                    "11", 1170686833,
                    "20", 977394858));
        }
    }

    @Test
    void postgresqlDatabasesKeepTheChecksumsTheyRecorded() throws Exception {
        try (TestPostgres server = TestPostgres.start()) {
            AuditLocation location = server.freshSchema("checksums_");
            try (AuditDatabase ignored = AuditDatabase.open(location)) {
                assertThat(recorded(location)).containsAllEntriesOf(Map.of(
                        "1", -893534547,
                        "2", -1649789446,
                        "10", -1826693034,
                        "11", 1170686833,
                        "20", 977394858));
            }
        }
    }

    private static Map<String, Integer> recorded(AuditLocation location) throws SQLException {
        Map<String, Integer> recorded = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(location.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, checksum FROM flyway_schema_history")) {
            while (rs.next()) {
                recorded.put(rs.getString(1), rs.getInt(2));
            }
        }
        return recorded;
    }
}
