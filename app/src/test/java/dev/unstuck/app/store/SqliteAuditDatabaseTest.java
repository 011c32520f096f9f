package dev.unstuck.app.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
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
