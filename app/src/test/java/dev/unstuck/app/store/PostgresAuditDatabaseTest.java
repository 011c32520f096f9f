package dev.unstuck.app.store;

import dev.unstuck.app.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit store on PostgreSQL, always: `.ci/run` starts a throwaway server and sets
 * UNSTUCK_TEST_POSTGRES_URL; without it (a developer's `./mvnw verify` with only a JDK) an embedded
 * PostgreSQL from Maven Central (zonky's binaries) is started for these tests. Nothing is skipped.
 */
class PostgresAuditDatabaseTest extends AuditStoreContract {
    @RegisterExtension
    static final TestPostgres.PerClass postgres = TestPostgres.perClass();

    @Override
    AuditLocation freshLocation() throws Exception {
        return postgres.freshSchema("audit_");
    }

    @Test
    void anUnreachableServerIsReportedWithoutItsPassword() {
        AuditLocation nowhere = AuditLocation.parse("jdbc:postgresql://127.0.0.1:1/unstuck?user=u&password=s3cret&connectTimeout=2");
        assertThatThrownBy(() -> AuditDatabase.open(nowhere))
                .isInstanceOf(AuditDatabase.AuditUnavailable.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("audit database").doesNotContain("s3cret"));
    }
}
