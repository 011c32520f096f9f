package dev.unstuck.app.store;

import dev.unstuck.core.engine.Claim;
import dev.unstuck.core.engine.Unfinished;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the audit store promises, whichever database holds it: the same tests run on SQLite (the
 * embedded default) and on PostgreSQL (production).
 */
abstract class AuditStoreContract {

    /** A location no other test has written to. */
    abstract AuditLocation freshLocation() throws Exception;

    static AuditEntry entry(String conversation, String kind, Instant at, String run) {
        return new AuditEntry(at, run, "acme", conversation, kind, "ops@host", "INC-1", kind + " summary", "before", "after",
                List.of("corr-1"), "Support", kind.equals("outcome") ? "ended" : "", OptionalInt.empty(), "", false);
    }

    static AuditEntry act(String conversation, String kind, String run, String actId, OptionalInt status) {
        return new AuditEntry(Instant.parse("2026-11-24T09:00:00Z"), run, "acme", conversation, kind, "ops@host", "INC-1",
                "PATCH /api/v2/conversations/messages/" + conversation + "/participants/p1 {\"state\":\"disconnected\"}", "", "",
                List.of(), "Support", status.isPresent() ? "accepted" : "", status, actId, false);
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
            assertThat(db.query(AuditQuery.all(100).withConversation("c1")))
                    .extracting(AuditEntry::kind).containsExactly("plan", "outcome");
            assertThat(db.query(AuditQuery.all(100).since(Instant.parse("2026-11-24T10:00:00Z"))))
                    .extracting(AuditEntry::conversationId).containsExactly("c2");
            assertThat(db.query(AuditQuery.ofRun("r2"))).hasSize(1);
            assertThat(db.query(AuditQuery.all(2))).extracting(AuditEntry::kind).containsExactly("outcome", "outcome");
        }
    }

    @Test
    void keepsEveryFieldOfAnEntryAsWritten() throws Exception {
        AuditEntry written = new AuditEntry(Instant.parse("2026-11-24T09:00:00.123Z"), "run-7", "acme-eu",
                "3f2b6c1e-8d4a-4e2f-9b1a-2c3d4e5f6a7b", "step", "ana@ops", "INC-4711 guest stuck",
                "PATCH acd leg disconnected (202)", "{\"legs\":3}", "{\"legs\":0}", List.of("c0ffee-1", "c0ffee-2"),
                "Support", "accepted", OptionalInt.of(202), "act-1", false);
        try (AuditDatabase db = AuditDatabase.open(freshLocation())) {
            db.append(written);
            assertThat(db.query(AuditQuery.ofRun("run-7"))).containsExactly(written);
        }
    }

    @Test
    void filtersByRunAndOutcomeAndLeavesDryRunsOutWhenAsked() throws Exception {
        try (AuditDatabase db = AuditDatabase.open(freshLocation())) {
            db.append(entry("c1", "outcome", Instant.parse("2026-11-24T09:00:00Z"), "r1"));
            AuditEntry failed = new AuditEntry(Instant.parse("2026-11-24T09:00:01Z"), "r1", "acme", "c2", "outcome", "ops", "", "failed: 500",
                    "", "", List.of(), "Support", "failed", OptionalInt.empty(), "", false);
            AuditEntry planned = new AuditEntry(Instant.parse("2026-11-24T09:00:02Z"), "r2", "acme", "c3", "outcome", "ops", "",
                    "would make 2 calls", "", "", List.of(), "Support", "planned", OptionalInt.empty(), "", true);
            db.append(failed);
            db.append(planned);

            assertThat(db.query(AuditQuery.all(100).withRun("r1").withOutcome("failed"))).containsExactly(failed);
            assertThat(db.query(AuditQuery.all(100).actsOnly())).extracting(AuditEntry::conversationId).containsExactly("c1", "c2");
            assertThat(db.query(AuditQuery.all(100))).extracting(AuditEntry::conversationId).containsExactly("c1", "c2", "c3");
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

    @Test
    void aConversationIsClaimedByOneLiveRunAtATimeAndItsOutcomeReleasesIt() throws Exception {
        try (AuditDatabase db = AuditDatabase.open(freshLocation())) {
            db.startRun("r1", "sweep", "ops");
            db.startRun("r2", "watch", "ops");

            assertThat(db.claim("acme", "c1", "r1")).isEqualTo(Claim.GRANTED);
            assertThat(db.claim("acme", "c1", "r1")).isEqualTo(Claim.GRANTED);
            assertThat(db.claim("acme", "c1", "r2")).isEqualTo(new Claim.Held("r1"));
            assertThat(db.claim("other-org", "c1", "r2")).isEqualTo(Claim.GRANTED);

            db.appendOutcome(entry("c1", "outcome", Instant.parse("2026-11-24T09:00:00Z"), "r1"));
            assertThat(db.claim("acme", "c1", "r2")).isEqualTo(Claim.GRANTED);
        }
    }

    @Test
    void whatAStoppedRunLeftClaimedIsUnfinishedWithItsUnansweredActsAndIsTakenOverOnce() throws Exception {
        AuditLocation location = freshLocation();
        try (AuditDatabase db = AuditDatabase.open(location)) {
            db.startRun("dead", "sweep", "ops");
            assertThat(db.claim("acme", "c1", "dead")).isEqualTo(Claim.GRANTED);
            db.append(entry("c1", "plan", Instant.parse("2026-11-24T09:00:00Z"), "dead"));
            db.append(act("c1", "intent", "dead", "act-1", OptionalInt.empty()));
            db.append(act("c1", "step", "dead", "act-1", OptionalInt.of(202)));
            db.append(act("c1", "intent", "dead", "act-2", OptionalInt.empty()));
            // closing marks the run as ended, as the end of a process does
        }
        try (AuditDatabase db = AuditDatabase.open(location)) {
            db.startRun("next", "sweep", "ops");
            List<Unfinished> left = db.unfinished("acme", "next");

            assertThat(left).singleElement().satisfies(u -> {
                assertThat(u.conversationId()).isEqualTo("c1");
                assertThat(u.runId()).isEqualTo("dead");
                assertThat(u.reason()).isEqualTo("INC-1");
                assertThat(u.openActs()).extracting(Unfinished.OpenAct::actId).containsExactly("act-2");
            });
            assertThat(db.unfinished("other-org", "next")).isEmpty();
            assertThat(db.claim("acme", "c1", "next")).isInstanceOfSatisfying(Claim.TakenOver.class,
                    t -> assertThat(t.previous().runId()).isEqualTo("dead"));
            db.startRun("third", "watch", "ops");
            assertThat(db.claim("acme", "c1", "third")).isEqualTo(new Claim.Held("next"));
            assertThat(db.unfinished("acme", "third")).isEmpty();
        }
    }

    @Test
    void rowsOfTheFirstSchemaAreKeptAndTheirNewColumnsFilledFromTheirText() throws Exception {
        AuditLocation location = freshLocation();
        org.flywaydb.core.Flyway.configure().dataSource(location.jdbcUrl(), null, null)
                .locations("classpath:db/migration/" + location.vendor()).target("1").load().migrate();
        try (Connection c = DriverManager.getConnection(location.jdbcUrl())) {
            insertV1(c, "r1", "c1", "plan", "PATCH a; PATCH b", "customer:connected acd(Billing):connected", "", "");
            insertV1(c, "r1", "c1", "step", "PATCH /api/v2/conversations/messages/c1/participants/p1 {\"state\":\"disconnected\"} -> 202",
                    "", "", "corr-a");
            insertV1(c, "r1", "c1", "outcome", "ended in 2 steps", "customer:connected acd(Billing):connected", "", "corr-a corr-b");
            insertV1(c, "r2", "c2", "plan", "PATCH x", "customer:connected acd(Support):connected", "", "");
            insertV1(c, "r2", "c2", "outcome", "would make 1 call: PATCH x", "customer:connected acd(Support):connected", "", "");
            insertV1(c, "r3", "c3", "plan", "PATCH y", "customer:connected acd(Sales):connected", "", ""); // killed before its outcome
        }
        try (AuditDatabase db = AuditDatabase.open(location)) {
            List<AuditEntry> all = db.query(AuditQuery.all(100));
            assertThat(all).hasSize(6);
            assertThat(all.get(1).status()).hasValue(202);
            assertThat(all.get(1).outcome()).isEqualTo("accepted");
            assertThat(all.get(2).outcome()).isEqualTo("ended");
            assertThat(all.get(2).queue()).isEqualTo("Billing");
            assertThat(all.get(2).correlationIds()).containsExactly("corr-a", "corr-b");
            assertThat(db.query(AuditQuery.all(100).actsOnly())).extracting(AuditEntry::conversationId).doesNotContain("c2");
            db.startRun("now", "sweep", "ops");
            assertThat(db.unfinished("acme", "now")).extracting(Unfinished::conversationId).containsExactly("c3");
        }
    }

    private static void insertV1(Connection c, String run, String conversation, String kind, String summary, String before,
                                 String after, String correlationIds) throws Exception {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_event (occurred_at, run_id, org, conversation_id, kind,"
                + " requested_by, reason, summary, state_before, state_after, correlation_ids) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            insert.setLong(1, Instant.parse("2026-11-20T09:00:00Z").toEpochMilli());
            insert.setString(2, run);
            insert.setString(3, "acme");
            insert.setString(4, conversation);
            insert.setString(5, kind);
            insert.setString(6, "ops");
            insert.setString(7, "INC-1");
            insert.setString(8, summary);
            insert.setString(9, before);
            insert.setString(10, after);
            insert.setString(11, correlationIds);
            insert.executeUpdate();
        }
    }
}
