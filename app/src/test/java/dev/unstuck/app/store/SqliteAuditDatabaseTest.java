package dev.unstuck.app.store;

import dev.unstuck.app.UnstuckProcess;
import dev.unstuck.sandbox.junit.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteAuditDatabaseTest extends AuditStoreContract {

    @TempDir
    Path dir;

    private final AtomicInteger files = new AtomicInteger();

    @Override
    AuditLocation freshLocation() {
        return AuditLocation.parse(dir.resolve("audit-" + files.incrementAndGet() + ".db").toString());
    }

    @Test
    void createsTheSqliteFileAndItsFolderOnFirstUse() throws Exception {
        Path file = dir.resolve("nested/audit.db");
        try (AuditDatabase db = AuditDatabase.open(AuditLocation.parse(file.toString()))) {
            db.append(entry("c1", "outcome", Instant.parse("2026-11-24T10:00:00Z"), "r1"));
        }
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void aReaderHoldingATransactionNeverBlocksAWriteAndTheFileIsInWalMode() throws Exception {
        AuditLocation location = freshLocation();
        try (AuditDatabase db = AuditDatabase.open(location);
             Connection reader = DriverManager.getConnection(location.jdbcUrl())) {
            reader.setAutoCommit(false); // as a DB browser or a backup holds one
            try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_event")) {
                rs.next();
            }

            db.append(entry("c1", "plan", Instant.parse("2026-11-24T10:00:00Z"), "r1"));
            db.appendOutcome(entry("c1", "outcome", Instant.parse("2026-11-24T10:00:01Z"), "r1"));

            assertThat(db.query(AuditQuery.ofRun("r1"))).hasSize(2);
            try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            reader.rollback();
        }
    }

    @Test
    void fourProcessesOpeningAFreshDatabaseAtOnceAllSucceed() throws Exception {
        Path file = dir.resolve("fresh/audit.db");
        List<ChildProcess> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            processes.add(UnstuckProcess.unstuck(Map.of("HOME", dir.toString()), List.of("audit", "--audit-db", file.toString(), "--json")));
        }
        for (ChildProcess p : processes) {
            assertThat(p.waitFor(Duration.ofSeconds(120))).isTrue();
            String output = p.output();
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output.trim()).as(output).endsWith("[ ]");
        }
        try (AuditDatabase db = AuditDatabase.open(AuditLocation.parse(file.toString()))) {
            db.append(entry("c1", "outcome", Instant.parse("2026-11-24T10:00:00Z"), "r1"));
            assertThat(db.query(AuditQuery.ofRun("r1"))).hasSize(1);
        }
    }

    @Test
    void refusesDatabasesOtherThanSqliteAndPostgres() {
        assertThatThrownBy(() -> AuditLocation.parse("jdbc:mysql://db/audit"))
                .hasMessageContaining("only SQLite and PostgreSQL");
    }

    @Test
    void neverShowsAPasswordOfAJdbcUrl() {
        AuditLocation pg = AuditLocation.parse("jdbc:postgresql://db.internal/unstuck?user=u&password=s3cret");
        assertThat(pg.toString()).doesNotContain("s3cret").contains("password=***");
        AuditLocation userInfo = AuditLocation.parse("jdbc:postgresql://u:s3cret@db.internal/unstuck");
        assertThat(userInfo.toString()).doesNotContain("s3cret");
    }

    @Test
    void anUnwritableLocationIsReportedNotThrownAsABug() throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        assertThatThrownBy(() -> AuditDatabase.open(AuditLocation.parse(blocker.resolve("audit.db").toString())))
                .isInstanceOf(AuditDatabase.AuditUnavailable.class)
                .hasMessageContaining("audit database");
    }
}
