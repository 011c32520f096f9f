package dev.unstuck.app.store;

import dev.unstuck.core.engine.AuditEvent;
import dev.unstuck.core.engine.AuditSink;
import dev.unstuck.core.engine.Claim;
import dev.unstuck.core.engine.Unfinished;

import java.util.List;

/**
 * The engine's journal for one run and one org, kept in the audit database: every event stamped with
 * the run and the org, claims taken in the run's name, and an outcome releasing its claim in the same
 * transaction. Creating one records the run (so other processes can tell whether it still runs).
 */
public final class AuditRecorder implements AuditSink {
    private final AuditDatabase database;
    private final String runId;
    private final String org;

    public AuditRecorder(AuditDatabase database, String runId, String org) {
        this(database, runId, org, "", "");
    }

    /** @param command the command of the run ({@code sweep}, {@code watch}…), @param caller who runs it */
    public AuditRecorder(AuditDatabase database, String runId, String org, String command, String caller) {
        this.database = database;
        this.runId = runId;
        this.org = org;
        database.startRun(runId, command, caller);
    }

    @Override
    public void record(AuditEvent e) {
        // Before the engine's look (a plan refused early) the queue is the one detection saw.
        AuditEvent.Subject about = e.subject();
        AuditEvent event = about.queue().isEmpty()
                ? e.about(about.withQueue(about.detection().queueName().or(() -> about.detection().queueId()).orElse(""))) : e;
        AuditEntry entry = new AuditEntry(runId, org, event);
        if (e.kind() == AuditEvent.Kind.OUTCOME && !about.dryRun()) {
            database.appendOutcome(entry);
        } else {
            database.append(entry);
        }
    }

    @Override
    public Claim claim(String conversationId) {
        return database.claim(org, conversationId, runId);
    }

    @Override
    public List<Unfinished> unfinished() {
        return database.unfinished(org, runId);
    }

    public String runId() {
        return runId;
    }
}
