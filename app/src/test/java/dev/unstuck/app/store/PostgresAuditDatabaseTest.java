package dev.unstuck.app.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit store on PostgreSQL, always: `.ci/run` starts a throwaway server and sets
 * UNSTUCK_TEST_POSTGRES_URL; without it (a developer's `./mvnw verify` with only a JDK) an embedded
 * PostgreSQL from Maven Central (zonky's binaries) is started for these tests. Nothing is skipped.
 */
class PostgresAuditDatabaseTest extends AuditStoreContract {
    private static EmbeddedPostgres embedded;
    private static String url;

    @BeforeAll
    static void server() throws Exception {
        String given = System.getenv("UNSTUCK_TEST_POSTGRES_URL");
        if (given != null && !given.isBlank()) {
            url = given;
            return;
        }
        embedded = EmbeddedPostgres.builder().start();
        url = embedded.getJdbcUrl("postgres", "postgres");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (embedded != null) {
            embedded.close();
        }
    }

    /** Each test gets a schema of its own, so runs never see each other's rows. */
    @Override
    AuditLocation freshLocation() throws Exception {
        String schema = "audit_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return AuditLocation.parse(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    @Test
    void anUnreachableServerIsReportedWithoutItsPassword() {
        AuditLocation nowhere = AuditLocation.parse("jdbc:postgresql://127.0.0.1:1/unstuck?user=u&password=s3cret&connectTimeout=2");
        assertThatThrownBy(() -> AuditDatabase.open(nowhere))
                .isInstanceOf(AuditDatabase.AuditUnavailable.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("audit database").doesNotContain("s3cret"));
    }
}
