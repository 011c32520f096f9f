package dev.unstuck.core.detect;

import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.engine.Plan;
import dev.unstuck.core.engine.SkipReason;
import dev.unstuck.core.genesys.ConversationDetail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where detection meets analytics ghosts: before judging, the ghosts the memory holds are left out (no
 * call spent on them); after the engine's look, an outcome that shows analytics listed a conversation
 * already over (ended before it was listed, or unknown to the conversation API) is a ghost, remembered.
 * A conversation that ended after it was listed, or so shortly before that analytics may not have
 * caught up ({@link #LAG_GRACE}), is someone else's ending, not a ghost.
 */
final class GhostCheck {

    /**
     * How long before the listing a conversation must have ended to count as a ghost: analytics trails
     * the conversation by seconds (docs/fidelity.md), so an ending within this is lag, not a ghost.
     */
    static final Duration LAG_GRACE = Duration.ofMinutes(2);

    /** What analytics listed, less the remembered ghosts, and how many those were. */
    record Listed(List<ConversationDetail> kept, int remembered) {
    }

    private final GhostMemory memory;

    GhostCheck(GhostMemory memory) {
        this.memory = memory;
    }

    Listed unremembered(List<ConversationDetail> listed, Instant now) {
        Set<String> ghosts = memory.seenSince(now.minus(GhostMemory.REMEMBERED_FOR));
        if (ghosts.isEmpty()) {
            return new Listed(listed, 0);
        }
        List<ConversationDetail> kept = new ArrayList<>(listed.size());
        for (ConversationDetail d : listed) {
            if (!ghosts.contains(d.conversationId())) {
                kept.add(d);
            }
        }
        return new Listed(kept, listed.size() - kept.size());
    }

    /**
     * The ghost the engine's first look found, remembered, if it found one.
     *
     * @param listedBy when analytics was asked: a conversation over by then is one analytics should have shown over
     */
    Optional<AnalyticsGhost> afterLook(Finding finding, Outcome outcome, Instant listedBy, Instant now) {
        boolean ghost = outcome instanceof Outcome.NotFound
                || outcome instanceof Outcome.Ended e && e.alreadyEnded() && e.steps().isEmpty()
                        && e.endedAt().map(t -> t.isBefore(listedBy.minus(LAG_GRACE))).orElse(true)
                || outcome instanceof Outcome.Planned p && p.plan() instanceof Plan.Skip skip
                        && skip.reason() == SkipReason.ALREADY_ENDED;
        if (!ghost) {
            return Optional.empty();
        }
        AnalyticsGhost found = new AnalyticsGhost(finding.conversationId(), finding.queue(), now, outcome instanceof Outcome.NotFound);
        memory.remember(found);
        return Optional.of(found);
    }
}
