package dev.unstuck.app.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the audit store promises, whichever database holds it: the same tests run on SQLite (the
 * embedded default) and on PostgreSQL (production).
 */
abstract class AuditStoreContract {

    /** A location no other test has written to. */
    abstract AuditLocation freshLocation() throws Exception;

    static AuditEntry entry(String conversation, String kind, Instant at, String run) {
        return new AuditEntry(at, run, "acme", conversation, kind, "ops@host", "INC-1", kind + " summary", "before", "after", "corr-1");
    }

    @Test
    void keepsEntriesAcrossReopeningAndFiltersThem() throws Exception {
        AuditLocation location = freshLocation();
        try (AuditDatabase db = AuditDatabase.open(location)) {
            db.append(entry("c1", "plan", Instant.parse("2026-11-24T09:00:00Z"), "r1"));
            db.append(entry("c1", "outcome", Instant.parse("2026-11-24T09:00:01Z"), "r1"));
            db.append(entry("c2", "outcome", Instant.parse("2026-11-24T11:00:00Z"), "r2"));
        }
        try (AuditDatabase db = AuditDatabase.open(location)) {
            assertThat(db.query(new AuditQuery(Optional.empty(), Optional.of("c1"), Optional.empty(), 100)))
                    .extracting(AuditEntry::kind).containsExactly("plan", "outcome");
            assertThat(db.query(new AuditQuery(Optional.of(Instant.parse("2026-11-24T10:00:00Z")), Optional.empty(), Optional.empty(), 100)))
                    .extracting(AuditEntry::conversationId).containsExactly("c2");
            assertThat(db.query(AuditQuery.ofRun("r2"))).hasSize(1);
            assertThat(db.query(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), 2)))
                    .extracting(AuditEntry::kind).containsExactly("outcome", "outcome");
        }
    }

    @Test
    void keepsEveryFieldOfAnEntryAsWritten() throws Exception {
        AuditEntry written = new AuditEntry(Instant.parse("2026-11-24T09:00:00.123Z"), "run-7", "acme-eu",
                "3f2b6c1e-8d4a-4e2f-9b1a-2c3d4e5f6a7b", "step", "ana@ops", "INC-4711 guest stuck",
                "PATCH acd leg disconnected (202)", "{\"legs\":3}", "{\"legs\":0}", "c0ffee-1,c0ffee-2");
        try (AuditDatabase db = AuditDatabase.open(freshLocation())) {
            db.append(written);
            assertThat(db.query(AuditQuery.ofRun("run-7"))).containsExactly(written);
        }
    }

    @Test
    void migratingAnAlreadyMigratedDatabaseChangesNothing() throws Exception {
        AuditLocation location = freshLocation();
        try (AuditDatabase db = AuditDatabase.open(location)) {
            db.append(entry("c1", "outcome", Instant.parse("2026-11-24T09:00:00Z"), "r1"));
        }
        for (int i = 0; i < 2; i++) {
            try (AuditDatabase db = AuditDatabase.open(location)) {
                assertThat(db.query(AuditQuery.ofRun("r1"))).hasSize(1);
            }
        }
    }
}
