package dev.unstuck.app.store;

import dev.unstuck.app.TestPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresGroupCommitTest extends GroupCommitContract {
    @RegisterExtension
    static final TestPostgres.PerClass postgres = TestPostgres.perClass();

    @Override
    AuditLocation freshLocation() throws Exception {
        return postgres.freshSchema("commit_");
    }
}
