package dev.unstuck.app.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/** On PostgreSQL, where several replicas reserve keys in one table: the one .ci/run starts, else an embedded one. */
class PostgresIdempotencyKeysTest extends IdempotencyKeysContract {
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
        String schema = "idem_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return AuditLocation.parse(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }
}
