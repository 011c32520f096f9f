package dev.unstuck.app.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresGroupCommitTest extends GroupCommitContract {
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
        return postgres.freshSchema("commit_");
    }
}
