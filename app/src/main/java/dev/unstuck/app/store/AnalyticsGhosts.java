package dev.unstuck.app.store;

import dev.unstuck.core.detect.AnalyticsGhost;
import dev.unstuck.core.detect.GhostMemory;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The analytics ghosts of one org, kept in the audit database (table {@code analytics_ghost}), so every
 * sweep, watch and replica shares what one look found: a ghost is looked at once a day, not once a run.
 */
public final class AnalyticsGhosts implements GhostMemory {
    private final AuditDatabase database;
    private final String org;

    public AnalyticsGhosts(AuditDatabase database, String org) {
        this.database = database;
        this.org = org;
    }

    @Override
    public Set<String> seenSince(Instant since) {
        return new HashSet<>(database.select("SELECT conversation_id FROM analytics_ghost WHERE org = ? AND last_seen >= ?",
                List.of(org, since.toEpochMilli()), rs -> rs.getString(1)));
    }

    @Override
    public void remember(AnalyticsGhost ghost) {
        long at = ghost.seenAt().toEpochMilli();
        database.change("INSERT INTO analytics_ghost (org, conversation_id, queue, not_found, first_seen, last_seen, looks)"
                        + " VALUES (?,?,?,?,?,?,1) ON CONFLICT (org, conversation_id) DO UPDATE SET last_seen = excluded.last_seen,"
                        + " not_found = excluded.not_found, looks = analytics_ghost.looks + 1",
                List.of(org, ghost.conversationId(), ghost.queue(), ghost.notFound() ? 1 : 0, at, at));
    }

    /** How many ghosts of the org were seen (looked at) from {@code since} up to {@code until}, both included. */
    public long seenBetween(Instant since, Instant until) {
        return database.select("SELECT COUNT(*) FROM analytics_ghost WHERE org = ? AND last_seen >= ? AND last_seen <= ?",
                List.of(org, since.toEpochMilli(), until.toEpochMilli()), rs -> rs.getLong(1)).get(0);
    }
}
