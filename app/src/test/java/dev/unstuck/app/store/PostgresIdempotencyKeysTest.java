package dev.unstuck.app.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;


/** On PostgreSQL, where several replicas reserve keys in one table: the one .ci/run starts, else an embedded one. */
class PostgresIdempotencyKeysTest extends IdempotencyKeysContract {
    private static TestPostgresSchemas postgres;

    @BeforeAll
    static void server() {
        postgres = TestPostgresSchemas.start();
    }

    @AfterAll
    static void stopServer() {
        postgres.close();
    }

    @Override
    AuditLocation freshLocation() throws Exception {
        return postgres.freshSchema("idem_");
    }
}
