package dev.unstuck.app.store;

import dev.unstuck.core.detect.AnalyticsGhost;
import dev.unstuck.core.detect.GhostMemory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The analytics ghosts of one org, kept in the audit database (table {@code analytics_ghost}), so every
 * sweep, watch and replica shares what one look found: a ghost is looked at once a day, not once a run.
 * Like the service's other stores it holds a connection of its own ({@link SharedConnection}).
 */
public final class AnalyticsGhosts implements GhostMemory {
    /** How many ghosts of an org were looked at in a window: the report's count. */
    public static final String COUNT_SQL = "SELECT COUNT(*) FROM analytics_ghost WHERE org = ? AND last_seen >= ? AND last_seen <= ?";

    private final SharedConnection db;
    private final String org;

    public AnalyticsGhosts(SharedConnection db, String org) {
        this.db = db;
        this.org = org;
    }

    @Override
    public Set<String> seenSince(Instant since) {
        return db.with(c -> {
            Set<String> ids = new HashSet<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT conversation_id FROM analytics_ghost WHERE org = ? AND last_seen >= ?")) {
                select.setString(1, org);
                select.setLong(2, since.toEpochMilli());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    @Override
    public void remember(AnalyticsGhost ghost) {
        long at = ghost.seenAt().toEpochMilli();
        List<Object> args = List.of(org, ghost.conversationId(), ghost.queue(), ghost.notFound() ? 1 : 0, at, at);
        db.with(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO analytics_ghost (org, conversation_id, queue, not_found,"
                    + " first_seen, last_seen, looks) VALUES (?,?,?,?,?,?,1) ON CONFLICT (org, conversation_id) DO UPDATE SET"
                    + " last_seen = excluded.last_seen, not_found = excluded.not_found, looks = analytics_ghost.looks + 1")) {
                for (int i = 0; i < args.size(); i++) {
                    upsert.setObject(i + 1, args.get(i));
                }
                return upsert.executeUpdate();
            }
        });
    }
}
