package dev.unstuck.app.store;

import dev.unstuck.app.report.Report;
import dev.unstuck.app.report.ReportQuery;
import dev.unstuck.core.detect.AnalyticsGhost;
import dev.unstuck.core.detect.GhostMemory;
import dev.unstuck.core.engine.Claim;
import dev.unstuck.core.engine.AuditEvent;
import dev.unstuck.core.engine.Detection;
import dev.unstuck.core.engine.Unfinished;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
        return row(at, run, "acme", conversation, kind, "ops@host", "INC-1", kind + " summary", "before", "after",
                List.of("corr-1"), "Support", kind.equals("outcome") ? "ended" : "", OptionalInt.empty(), "", false);
    }

    static AuditEntry act(String conversation, String kind, String run, String actId, OptionalInt status) {
        return row(Instant.parse("2026-11-24T09:00:00Z"), run, "acme", conversation, kind, "ops@host", "INC-1",
                "PATCH /api/v2/conversations/messages/" + conversation + "/participants/p1 {\"state\":\"disconnected\"}", "", "",
                List.of(), "Support", status.isPresent() ? "accepted" : "", status, actId, false);
    }

    /** An entry from its columns, as the journal writes them (a test sets every column). */
    static AuditEntry row(Instant at, String run, String org, String conversation, String kind, String by, String reason,
                          String summary, String before, String after, List<String> correlationIds, String queue, String result,
                          OptionalInt status, String actId, boolean dryRun, Detection found) {
        return new AuditEntry(run, org, new AuditEvent(at, new AuditEvent.Subject(conversation, by, reason, queue, dryRun, found),
                AuditEvent.Kind.of(kind), summary, before, after, correlationIds, actId, AuditEvent.Result.of(result), status));
    }

    static AuditEntry row(Instant at, String run, String org, String conversation, String kind, String by, String reason,
                          String summary, String before, String after, List<String> correlationIds, String queue, String result,
                          OptionalInt status, String actId, boolean dryRun) {
        return row(at, run, org, conversation, kind, by, reason, summary, before, after, correlationIds, queue, result, status, actId,
                dryRun, Detection.NONE);
    }

    static Detection looping(String flowId, String flowName, String queueId, String queueName, int passes) {
        return new Detection("looping", Optional.of(queueId), Optional.of(queueName), Optional.of(flowId), Optional.of(flowName), passes,
                Optional.empty());
    }

    static Detection stuck(String queueId, String queueName, Instant waitingSince) {
        return new Detection("stuck", Optional.of(queueId), Optional.of(queueName), Optional.empty(), Optional.empty(), 1,
                Optional.of(waitingSince));
    }

    /** An outcome row of an ending (or a dry run's plan) asked for by {@code found}. */
    static AuditEntry outcome(String org, String conversation, Instant at, String word, boolean dryRun, Detection found, String by) {
        return row(at, "r-" + conversation, org, conversation, "outcome", by, found.rule().isEmpty() ? "INC-7" : found.rule() + ": …",
                word + " …", "", "", List.of(), found.queueName().orElse("Support"), word, OptionalInt.empty(), "", dryRun, found);
    }

    @Test
    void keepsWhatDetectionFoundWithTheEntry() throws Exception {
        AuditEntry written = outcome("acme", "c1", Instant.parse("2026-11-24T09:00:00Z"), "ended", false,
                new Detection("looping", Optional.of("q-1"), Optional.of("Support"), Optional.of("f-1"), Optional.of("Support loop"), 4,
                        Optional.of(Instant.parse("2026-11-24T08:50:00Z"))), "watch");
        try (AuditDatabase db = AuditDatabase.open(freshLocation())) {
            db.append(written);
            assertThat(db.query(AuditQuery.all(10))).containsExactly(written);
        }
    }

    @Test
    void pagesNewestFirstByCursorAndFiltersOnColumns() throws Exception {
        try (AuditDatabase db = AuditDatabase.open(freshLocation())) {
            Instant t = Instant.parse("2026-11-24T09:00:00Z");
            for (int i = 0; i < 5; i++) {
                db.append(outcome("acme", "loop-" + i, t.plusSeconds(i), "ended", false, looping("f-1", "Loop", "q-1", "Support", 3), "watch"));
            }
            db.append(outcome("acme", "stuck-1", t.plusSeconds(10), "ended", false, stuck("q-2", "Billing", t.minusSeconds(3600)), "watch"));
            db.append(outcome("acme", "manual-1", t.plusSeconds(11), "ended", false, Detection.NONE, "token:billing-backend"));
            db.append(outcome("other", "loop-x", t.plusSeconds(12), "ended", false, looping("f-1", "Loop", "q-1", "Support", 3), "watch"));

            AuditQuery loops = AuditQuery.all(2).where(AuditQuery.Match.ORG, "acme").where(AuditQuery.Match.RULE, "looping");
            AuditPage first = db.page(loops);
            assertThat(first.rows()).extracting(r -> r.entry().event().subject().conversationId()).containsExactly("loop-4", "loop-3");
            AuditPage second = db.page(loops.before(first.nextBefore().orElseThrow()));
            assertThat(second.rows()).extracting(r -> r.entry().event().subject().conversationId()).containsExactly("loop-2", "loop-1");
            AuditPage last = db.page(loops.before(second.nextBefore().orElseThrow()));
            assertThat(last.rows()).extracting(r -> r.entry().event().subject().conversationId()).containsExactly("loop-0");
            assertThat(last.nextBefore()).isEmpty();

            assertThat(db.page(AuditQuery.all(100).where(AuditQuery.Match.QUEUE, "Billing")).rows()).extracting(r -> r.entry().event().subject().conversationId())
                    .containsExactly("stuck-1");
            assertThat(db.page(AuditQuery.all(100).where(AuditQuery.Match.QUEUE, "q-2")).rows()).extracting(r -> r.entry().event().subject().conversationId())
                    .containsExactly("stuck-1");
            assertThat(db.page(AuditQuery.all(100).where(AuditQuery.Match.RULE, AuditQuery.MANUAL)).rows()).extracting(r -> r.entry().event().subject().conversationId())
                    .containsExactly("manual-1");
            assertThat(db.page(AuditQuery.all(100).where(AuditQuery.Match.CALLER, "token:billing-backend")).rows()).extracting(r -> r.entry().event().subject().conversationId())
                    .containsExactly("manual-1");
            assertThat(db.page(AuditQuery.all(100).where(AuditQuery.Match.ORG, "acme").since(t.plusSeconds(3)).until(t.plusSeconds(10))).rows())
                    .extracting(r -> r.entry().event().subject().conversationId()).containsExactly("stuck-1", "loop-4", "loop-3");
        }
    }

    @Test
    void reportsLoopsByFlowAndQueueOverdueByHourOfWaitAndEndingsByHourAndReason() throws Exception {
        try (AuditDatabase db = AuditDatabase.open(freshLocation())) {
            Instant t = Instant.parse("2026-11-24T09:10:00Z");
            // Two guests bounced between "Support loop" and Support (a dry run found one first), one between another flow and Sales.
            db.append(outcome("acme", "a", t, "planned", true, looping("f-1", "Support loop", "q-1", "Support", 3), "ops"));
            db.append(outcome("acme", "a", t.plusSeconds(60), "ended", false, looping("f-1", "Support loop", "q-1", "Support", 4), "watch"));
            db.append(outcome("acme", "b", t.plusSeconds(120), "ended", false, looping("f-1", "Support loop", "q-1", "Support", 5), "watch"));
            db.append(outcome("acme", "c", t.plusSeconds(3600), "ended", false, looping("f-2", "Sales menu", "q-3", "Sales", 3), "watch"));
            db.append(outcome("acme", "skipped", t.plusSeconds(3600), "skipped", false, looping("f-2", "Sales menu", "q-3", "Sales", 3), "watch"));
            // Stuck guests of Billing who began to wait at 02:xx and 07:xx UTC.
            db.append(outcome("acme", "s1", t, "ended", false, stuck("q-2", "Billing", Instant.parse("2026-11-24T02:05:00Z")), "watch"));
            db.append(outcome("acme", "s2", t, "ended", false, stuck("q-2", "Billing", Instant.parse("2026-11-24T02:55:00Z")), "watch"));
            db.append(outcome("acme", "s3", t, "ended", false, stuck("q-2", "Billing", Instant.parse("2026-11-24T07:30:00Z")), "watch"));
            // Verification found s3 still open and the engine finished it: one ending, not two.
            db.append(outcome("acme", "s3", t.plusSeconds(30), "ended", false, stuck("q-2", "Billing", Instant.parse("2026-11-24T07:30:00Z")), "watch"));
            db.append(outcome("acme", "m1", t.plusSeconds(3600), "ended", false, Detection.NONE, "token:billing-backend"));
            db.append(outcome("acme", "old", t.minusSeconds(86_400 * 30), "ended", false, stuck("q-2", "Billing", t), "watch"));
            db.append(outcome("other", "x", t, "ended", false, looping("f-1", "Support loop", "q-1", "Support", 9), "watch"));

            Report report = new ReportQuery(db).run("acme", Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-25T00:00:00Z"));

            assertThat(report.loops()).containsExactly(
                    new Report.Loop("f-1", "Support loop", "q-1", "Support", 2, 9),
                    new Report.Loop("f-2", "Sales menu", "q-3", "Sales", 1, 3));
            assertThat(report.overdue()).containsExactly(
                    new Report.Overdue("q-2", "Billing", 2, 2),
                    new Report.Overdue("q-2", "Billing", 7, 1));
            assertThat(report.endingsByHour()).containsExactly(
                    new Report.Endings(Instant.parse("2026-11-24T09:00:00Z"), "looping", 2),
                    new Report.Endings(Instant.parse("2026-11-24T09:00:00Z"), "stuck", 3),
                    new Report.Endings(Instant.parse("2026-11-24T10:00:00Z"), "looping", 1),
                    new Report.Endings(Instant.parse("2026-11-24T10:00:00Z"), "manual", 1));
        }
    }

    @Test
    void remembersAnOrgsAnalyticsGhostsAcrossOpeningsAndCountsThemApartFromEndings() throws Exception {
        AuditLocation location = freshLocation();
        Instant t = Instant.parse("2026-11-24T09:00:00Z");
        try (AuditDatabase db = AuditDatabase.open(location); SharedConnection c = SharedConnection.open(db.location())) {
            AnalyticsGhosts acme = new AnalyticsGhosts(c, "acme");
            acme.remember(new AnalyticsGhost("g1", "Support", t, false));
            acme.remember(new AnalyticsGhost("g2", "Billing", t.plusSeconds(60), true));
            acme.remember(new AnalyticsGhost("old", "Support", t.minus(GhostMemory.REMEMBERED_FOR).minusSeconds(1), false));
            new AnalyticsGhosts(c, "other").remember(new AnalyticsGhost("x", "Support", t, false));
        }
        try (AuditDatabase db = AuditDatabase.open(location); SharedConnection c = SharedConnection.open(db.location())) {
            AnalyticsGhosts acme = new AnalyticsGhosts(c, "acme");
            assertThat(acme.seenSince(t.plusSeconds(120).minus(GhostMemory.REMEMBERED_FOR))).containsExactlyInAnyOrder("g1", "g2");
            // Looked at again after its day: remembered from the new look on.
            acme.remember(new AnalyticsGhost("old", "Support", t.plusSeconds(120), false));
            assertThat(acme.seenSince(t)).containsExactlyInAnyOrder("g1", "g2", "old");

            Report report = new ReportQuery(db).run("acme", Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-25T00:00:00Z"));

            assertThat(report.analyticsGhosts()).isEqualTo(3);
            assertThat(report.endingsByHour()).isEmpty();
        }
    }

    @Test
    void anEndingAStoppedRunLeftKeepsWhatDetectionFoundForTheRunThatFinishesIt() throws Exception {
        AuditLocation location = freshLocation();
        Detection found = looping("f-1", "Support loop", "q-1", "Support", 4);
        try (AuditDatabase db = AuditDatabase.open(location)) {
            db.startRun("dead", "watch", "ops");
            assertThat(db.claim("acme", "c1", "dead")).isEqualTo(Claim.GRANTED);
            db.append(row(Instant.parse("2026-11-24T09:00:00Z"), "dead", "acme", "c1", "plan", "watch", "looping: …", "PATCH a",
                    "", "", List.of(), "Support", "", OptionalInt.empty(), "", false, found));
        }
        try (AuditDatabase db = AuditDatabase.open(location)) {
            db.startRun("next", "watch", "ops");

            assertThat(db.unfinished("acme", "next")).singleElement().satisfies(u -> assertThat(u.detection()).isEqualTo(found));
        }
    }

    @Test
    void rowsWrittenBeforeTheDetectionColumnsGetTheirRuleFromTheReasonText() throws Exception {
        AuditLocation location = freshLocation();
        org.flywaydb.core.Flyway.configure().dataSource(location.jdbcUrl(), null, null)
                .locations("classpath:db/migration/" + location.vendor(), "classpath:db/migration/common").target("10").load().migrate();
        try (Connection c = DriverManager.getConnection(location.jdbcUrl());
             PreparedStatement insert = c.prepareStatement("INSERT INTO audit_event (occurred_at, run_id, org, conversation_id, kind,"
                     + " requested_by, reason, summary, state_before, state_after, correlation_ids, queue, outcome)"
                     + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            String[][] rows = {{"c1", "looping: entered a queue 4 times in the last 1h (loopPasses 3)"},
                    {"c2", "nightly (stuck: waiting 2h in Support (maxWait 1h))"}, {"c3", "INC-4711 guest stuck"}};
            for (String[] row : rows) {
                insert.setLong(1, Instant.parse("2026-11-20T09:00:00Z").toEpochMilli());
                insert.setString(2, "r1");
                insert.setString(3, "acme");
                insert.setString(4, row[0]);
                insert.setString(5, "outcome");
                insert.setString(6, "ops");
                insert.setString(7, row[1]);
                insert.setString(8, "ended in 2 steps");
                insert.setString(9, "");
                insert.setString(10, "");
                insert.setString(11, "");
                insert.setString(12, "Support");
                insert.setString(13, "ended");
                insert.executeUpdate();
            }
        }
        try (AuditDatabase db = AuditDatabase.open(location)) {
            assertThat(db.query(AuditQuery.all(10))).extracting(e -> e.event().subject().conversationId() + "=" + e.event().subject().detection().rule())
                    .containsExactly("c1=looping", "c2=stuck", "c3=");
        }
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
            assertThat(db.query(AuditQuery.all(100).where(AuditQuery.Match.CONVERSATION, "c1")))
                    .extracting(e -> e.event().kind().word()).containsExactly("plan", "outcome");
            assertThat(db.query(AuditQuery.all(100).since(Instant.parse("2026-11-24T10:00:00Z"))))
                    .extracting(e -> e.event().subject().conversationId()).containsExactly("c2");
            assertThat(db.query(AuditQuery.ofRun("r2"))).hasSize(1);
            assertThat(db.query(AuditQuery.all(2))).extracting(e -> e.event().kind().word()).containsExactly("outcome", "outcome");
        }
    }

    @Test
    void readsRowsOfOneKindNewestFirstWhateverLiesBetween() throws Exception {
        try (AuditDatabase db = AuditDatabase.open(freshLocation())) {
            db.append(entry("c1", "outcome", Instant.parse("2026-11-24T09:00:00Z"), "r1"));
            for (int i = 0; i < 5; i++) {
                db.append(entry("c2", "plan", Instant.parse("2026-11-24T09:00:01Z").plusSeconds(i), "r2"));
            }
            db.append(entry("c3", "outcome", Instant.parse("2026-11-24T09:01:00Z"), "r3"));

            AuditPage outcomes = db.page(AuditQuery.all(2).withKind(AuditEvent.Kind.OUTCOME));

            assertThat(outcomes.rows()).extracting(r -> r.entry().event().subject().conversationId()).containsExactly("c3", "c1");
            assertThat(outcomes.nextBefore()).isEmpty();
        }
    }

    @Test
    void keepsEveryFieldOfAnEntryAsWritten() throws Exception {
        AuditEntry written = row(Instant.parse("2026-11-24T09:00:00.123Z"), "run-7", "acme-eu",
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
            AuditEntry failed = row(Instant.parse("2026-11-24T09:00:01Z"), "r1", "acme", "c2", "outcome", "ops", "", "failed: 500",
                    "", "", List.of(), "Support", "failed", OptionalInt.empty(), "", false);
            AuditEntry planned = row(Instant.parse("2026-11-24T09:00:02Z"), "r2", "acme", "c3", "outcome", "ops", "",
                    "would make 2 calls", "", "", List.of(), "Support", "planned", OptionalInt.empty(), "", true);
            db.append(failed);
            db.append(planned);

            assertThat(db.query(AuditQuery.all(100).where(AuditQuery.Match.RUN, "r1").where(AuditQuery.Match.OUTCOME, "failed"))).containsExactly(failed);
            assertThat(db.query(AuditQuery.all(100).actsOnly())).extracting(e -> e.event().subject().conversationId()).containsExactly("c1", "c2");
            assertThat(db.query(AuditQuery.all(100))).extracting(e -> e.event().subject().conversationId()).containsExactly("c1", "c2", "c3");
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
            List<AuditEvent> all = db.query(AuditQuery.all(100)).stream().map(AuditEntry::event).toList();
            assertThat(all).hasSize(6);
            assertThat(all.get(1).status()).hasValue(202);
            assertThat(all.get(1).result()).isEqualTo(AuditEvent.Result.ACCEPTED);
            assertThat(all.get(2).result()).isEqualTo(AuditEvent.Result.ENDED);
            assertThat(all.get(2).subject().queue()).isEqualTo("Billing");
            assertThat(all.get(2).correlationIds()).containsExactly("corr-a", "corr-b");
            assertThat(db.query(AuditQuery.all(100).actsOnly())).extracting(e -> e.event().subject().conversationId()).doesNotContain("c2");
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

    @Test
    void claimsOfBothKindsOutliveTheMoveToOneClaimTable() throws Exception {
        AuditLocation location = freshLocation();
        Instant finished = Instant.parse("2026-11-24T09:00:00Z");
        // A database as the previous version left it: a run's claim (its run stopped) and a request's finished claim.
        Flyway.configure().dataSource(location.jdbcUrl(), null, null)
                .locations("classpath:db/migration/" + location.vendor(), "classpath:db/migration/common")
                .target("20").loggers("slf4j").load().migrate();
        try (Connection c = DriverManager.getConnection(location.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO audit_claim (org, conversation_id, run_id, claimed_at) VALUES ('acme', 'c1', 'stopped', 1)");
            s.execute("INSERT INTO ending_claim (org, conversation_id, holder, claimed_at, expires_at, outcome, finished_at)"
                    + " VALUES ('acme', 'c2', 'replica-a/7', 1, 2, '{\"outcome\":\"ended\"}', " + finished.toEpochMilli() + ")");
        }

        try (AuditDatabase db = AuditDatabase.open(location); SharedConnection shared = SharedConnection.open(location)) {
            assertThat(db.unfinished("acme", "next")).singleElement()
                    .satisfies(u -> assertThat(u.conversationId()).isEqualTo("c1"))
                    .satisfies(u -> assertThat(u.runId()).isEqualTo("stopped"));
            EndingClaims requests = new EndingClaims(shared, Duration.ofMinutes(2), Duration.ofSeconds(60));
            assertThat(requests.outcome("acme", "c2", finished.plusSeconds(10))).contains("{\"outcome\":\"ended\"}");
            assertThat(requests.claim("acme", "c2", "replica-b/9", finished.plusSeconds(10)))
                    .isEqualTo(new EndingClaims.Finished("{\"outcome\":\"ended\"}"));
            // The two kinds never stand in each other's way: a run may claim what a request claimed.
            assertThat(db.claim("acme", "c2", "next")).isEqualTo(Claim.GRANTED);
        }
    }

    @Test
    void aRequestsClaimIsHeldUntilItLapsesAndItsOutcomeIsKeptForAWhile() throws Exception {
        AuditLocation location = freshLocation();
        Instant t = Instant.parse("2026-11-24T09:00:00Z");
        try (AuditDatabase ignored = AuditDatabase.open(location); SharedConnection shared = SharedConnection.open(location)) {
            EndingClaims claims = new EndingClaims(shared, Duration.ofMinutes(2), Duration.ofSeconds(60));

            assertThat(claims.claim("acme", "c1", "a", t)).isEqualTo(new EndingClaims.Claimed());
            assertThat(claims.claim("acme", "c1", "b", t.plusSeconds(1))).isEqualTo(new EndingClaims.InProgress("a"));
            assertThat(claims.finish("acme", "c1", "a", "done", t.plusSeconds(2))).isTrue();
            assertThat(claims.claim("acme", "c1", "b", t.plusSeconds(3))).isEqualTo(new EndingClaims.Finished("done"));
            assertThat(claims.claim("acme", "c1", "b", t.plusSeconds(63))).isEqualTo(new EndingClaims.Claimed());
            assertThat(claims.outcome("acme", "c1", t.plusSeconds(64))).isEmpty();
            // b's claim lapses unfinished: c takes it over, and b can no longer finish it.
            assertThat(claims.claim("acme", "c1", "c", t.plusSeconds(63 + 121))).isEqualTo(new EndingClaims.Claimed());
            assertThat(claims.finish("acme", "c1", "b", "late", t.plusSeconds(63 + 122))).isFalse();
        }
    }
}
