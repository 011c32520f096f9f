package dev.unstuck.sandbox.analytics;

import dev.unstuck.sandbox.conversation.Conversation;
import dev.unstuck.sandbox.org.Reach;
import dev.unstuck.sandbox.world.World;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What analytics holds at a moment: every conversation that had started by then, seen as of then. The
 * one place that decides which conversations a details query or job can see at all.
 */
final class DetailSource {
    private DetailSource() {}

    /**
     * The conversations in the caller's {@code reach} (analytics leaves out the other divisions: a conversation
     * in several is judged by {@code divisionAccess}, all of them or one) that had
     * started by {@code asOf} and whose start {@code started} and id {@code id} admit (both checked before a
     * record is built: building one is what a query over a large org spends).
     */
    static List<DetailRecord> asOf(World world, Instant asOf, Reach reach, Predicate<Instant> started, Predicate<String> id) {
        boolean every = world.settings().analytics().needsEveryDivision();
        List<DetailRecord> records = new ArrayList<>();
        for (Conversation c : world.conversations()) {
            if (c.startTime().isAfter(asOf) || !started.test(c.startTime()) || !id.test(c.id())) {
                continue;
            }
            DetailRecord r = DetailRecord.of(world, c, asOf);
            if (reach.includes(r.divisionIds(), every)) {
                records.add(r);
            }
        }
        return records;
    }

    /** What the synchronous query and the single-conversation read see now: the org's state {@code analyticsLagSeconds} ago. */
    static Instant syncAsOf(World world) {
        return world.now().minusSeconds(world.settings().analyticsLagSeconds());
    }
}
