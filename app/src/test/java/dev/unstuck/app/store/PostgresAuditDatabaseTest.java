package dev.unstuck.app.store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The audit store on PostgreSQL. `.ci/run` starts a throwaway server and sets
 * UNSTUCK_TEST_POSTGRES_URL; on a developer machine without one these tests are skipped, but in CI a
 * missing server fails the run rather than silently testing less.
 */
class PostgresAuditDatabaseTest extends AuditStoreContract {
    private static final String URL = System.getenv("UNSTUCK_TEST_POSTGRES_URL");

    @BeforeAll
    static void needsAServer() {
        if (URL == null || URL.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI must provide PostgreSQL: UNSTUCK_TEST_POSTGRES_URL is not set (see .ci/postgres.sh)");
            }
            assumeTrue(false, "no PostgreSQL: set UNSTUCK_TEST_POSTGRES_URL (jdbc:postgresql://...) to run these");
        }
    }

    /** Each test gets a schema of its own, so runs never see each other's rows. */
    @Override
    AuditLocation freshLocation() throws Exception {
        String schema = "audit_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return AuditLocation.parse(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    @Test
    void anUnreachableServerIsReportedWithoutItsPassword() {
        AuditLocation nowhere = AuditLocation.parse("jdbc:postgresql://127.0.0.1:1/unstuck?user=u&password=s3cret&connectTimeout=2");
        assertThatThrownBy(() -> AuditDatabase.open(nowhere))
                .isInstanceOf(AuditDatabase.AuditUnavailable.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("audit database").doesNotContain("s3cret"));
    }
}
