package dev.unstuck.app.store;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresGroupCommitTest extends GroupCommitContract {
    @RegisterExtension
    static final TestPostgresSchemas.PerClass postgres = TestPostgresSchemas.perClass();

    @Override
    AuditLocation freshLocation() throws Exception {
        return postgres.freshSchema("commit_");
    }
}
