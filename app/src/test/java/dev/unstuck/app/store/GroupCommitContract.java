package dev.unstuck.app.store;

import dev.unstuck.core.engine.Claim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Writes that arrive together are committed together, and each is still in the journal, for any other
 * connection to read, before its writer goes on to send the act it records; on SQLite and on PostgreSQL.
 */
abstract class GroupCommitContract {
    private AuditLocation location;
    private AuditConnection db;
    private final ExecutorService writers = Executors.newCachedThreadPool();

    /** An empty database no other test uses. */
    abstract AuditLocation freshLocation() throws Exception;

    @BeforeEach
    void open() throws Exception {
        location = freshLocation();
        Migrations.prepare(location);
        db = AuditConnection.open(location);
    }

    @AfterEach
    void close() throws Exception {
        writers.shutdownNow();
        writers.awaitTermination(10, TimeUnit.SECONDS);
        db.close();
    }

    @Test
    void everyRowOfABatchIsReadableFromAnotherConnectionBeforeItsWriterGoesOn() throws Exception {
        Journal journal = new Journal(db);
        Map<String, Boolean> seenOnReturn = new ConcurrentHashMap<>();
        List<Callable<Void>> appends = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String conversation = "c" + i;
            appends.add(() -> {
                journal.append(AuditStoreContract.entry(conversation, "intent", Instant.parse("2026-12-06T05:00:00Z"), "r1"));
                // What the writer would do next is send the act: a kill now must find the row on disk.
                seenOnReturn.put(conversation, committedRows(conversation) == 1);
                return null;
            });
        }

        lineUp(appends);

        assertThat(seenOnReturn).hasSize(8).doesNotContainValue(false);
    }

    @Test
    void aWriteThatFailsFailsAloneAndTheRestOfItsBatchIsCommitted() throws Exception {
        Journal journal = new Journal(db);
        List<Callable<Void>> writes = List.of(
                () -> {
                    journal.append(AuditStoreContract.entry("before", "intent", Instant.parse("2026-12-06T05:00:00Z"), "r1"));
                    return null;
                },
                () -> {
                    db.write(() -> {
                        try (PreparedStatement bad = db.connection().prepareStatement("INSERT INTO no_such_table VALUES (1)")) {
                            bad.executeUpdate();
                        }
                    });
                    return null;
                },
                () -> {
                    journal.appendOutcome(AuditStoreContract.entry("after", "outcome", Instant.parse("2026-12-06T05:00:01Z"), "r1"));
                    return null;
                });

        List<Future<Void>> done = lineUp(writes);

        assertThat(committedRows("before")).isEqualTo(1);
        assertThat(committedRows("after")).isEqualTo(1);
        assertThatThrownBy(() -> done.get(1).get()).hasCauseInstanceOf(AuditDatabase.AuditWriteFailed.class)
                .hasMessageContaining("no_such_table");
    }

    @Test
    void claimsOfDifferentConversationsInOneBatchAreEachGrantedAndOfTheSameOneOnlyOnce() throws Exception {
        RunLeases leases = new RunLeases(db, Clock.systemUTC());
        RunClaims claims = new RunClaims(db, Clock.systemUTC(), leases);
        leases.startRun("r1", "serve", "ops");
        leases.startRun("r2", "serve", "ops");
        try {
            List<Future<Claim>> answers = lineUp(List.of(
                    () -> claims.claim("acme", "c1", "r1"),
                    () -> claims.claim("acme", "c2", "r2"),
                    () -> claims.claim("acme", "c3", "r1"),
                    () -> claims.claim("acme", "c3", "r2")));

            assertThat(answers.get(0).get()).isEqualTo(Claim.GRANTED);
            assertThat(answers.get(1).get()).isEqualTo(Claim.GRANTED);
            List<Claim> forC3 = List.of(answers.get(2).get(), answers.get(3).get());
            assertThat(forC3).containsOnlyOnce(Claim.GRANTED);
            assertThat(forC3).anySatisfy(c -> assertThat(c).isInstanceOf(Claim.Held.class));
        } finally {
            leases.close();
        }
    }

    @Test
    void aClaimHeldByALiveRunDoesNotKeepAnotherRunFromClaimingAnotherConversation() {
        RunLeases leases = new RunLeases(db, Clock.systemUTC());
        RunClaims claims = new RunClaims(db, Clock.systemUTC(), leases);
        leases.startRun("r1", "serve", "ops");
        leases.startRun("r2", "serve", "ops");
        try {
            assertThat(claims.claim("acme", "c1", "r1")).isEqualTo(Claim.GRANTED);

            assertThat(claims.claim("acme", "c2", "r2")).isEqualTo(Claim.GRANTED);
            assertThat(claims.claim("acme", "c1", "r2")).isEqualTo(new Claim.Held("r1"));
        } finally {
            leases.close();
        }
    }

    /**
     * Starts the writes while the connection's lock is held elsewhere and lets it go once all of them
     * queued, so they are committed as one batch; answers their futures, all finished.
     */
    private <T> List<Future<T>> lineUp(List<Callable<T>> writes) throws Exception {
        List<Future<T>> started = new ArrayList<>();
        db.read(() -> {
            for (Callable<T> write : writes) {
                started.add(writers.submit(write));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> db.queuedWrites() == writes.size());
            return null;
        });
        for (Future<T> f : started) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException expected) {
                // the test reads each future's own failure
            }
        }
        return started;
    }

    private int committedRows(String conversation) throws SQLException {
        try (SharedConnection other = SharedConnection.open(location)) {
            return other.with(c -> count(c, conversation));
        }
    }

    private static int count(Connection other, String conversation) throws SQLException {
        try (PreparedStatement count = other.prepareStatement("SELECT count(*) FROM audit_event WHERE conversation_id = ?")) {
            count.setString(1, conversation);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
