package dev.unstuck.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Where the audit lives, and that no message about it shows a password, whichever way the URL holds it. */
class AuditLocationTest {

    @Test
    void aPasswordInTheUserInfoFormNeverReachesAnErrorMessage() {
        AuditLocation location = AuditLocation.parse("jdbc:postgresql://unstuck:s3cret@127.0.0.1:1/unstuck?connectTimeout=2");
        assertThatThrownBy(() -> AuditDatabase.open(location))
                .isInstanceOf(AuditDatabase.AuditUnavailable.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("audit database", "127.0.0.1").doesNotContain("s3cret"));
        assertThat(location.toString()).doesNotContain("s3cret");
    }

    @Test
    void theUserInfoFormIsPassedToTheDriverAsUserAndPassword() {
        AuditLocation location = AuditLocation.parse("jdbc:postgresql://unstuck:s3cret@db.internal:5433/audit?ssl=true");
        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/audit?ssl=true&user=unstuck&password=s3cret");
        assertThat(AuditLocation.parse("jdbc:postgresql://unstuck@db.internal/audit").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.internal/audit?user=unstuck");
    }

    @Test
    void aUrlNoDriverAcceptsIsReportedWithoutItsPassword() {
        AuditLocation location = AuditLocation.parse("jdbc:postgresql://db.internal:notaport/audit?user=u&password=s3cret");
        assertThatThrownBy(() -> AuditDatabase.open(location))
                .isInstanceOf(AuditDatabase.AuditUnavailable.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }
}
