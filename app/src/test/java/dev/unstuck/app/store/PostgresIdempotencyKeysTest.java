package dev.unstuck.app.store;

import dev.unstuck.app.TestPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;


/** On PostgreSQL, where several replicas reserve keys in one table: the one .ci/run starts, else an embedded one. */
class PostgresIdempotencyKeysTest extends IdempotencyKeysContract {
    @RegisterExtension
    static final TestPostgres.PerClass postgres = TestPostgres.perClass();

    @Override
    AuditLocation freshLocation() throws Exception {
        return postgres.freshSchema("idem_");
    }
}
