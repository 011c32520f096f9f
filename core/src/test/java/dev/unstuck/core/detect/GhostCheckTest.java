package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.engine.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the engine's look must show for a listed guest to count as an analytics ghost. */
class GhostCheckTest {

    private static final Instant LISTED = Instant.parse("2026-12-01T12:00:00Z");

    private final GhostMemory memory = GhostMemory.inProcess();
    private final GhostCheck check = new GhostCheck(memory);

    private static Finding finding(String id) {
        Guest guest = Guest.of(new Conversation(id, Optional.of(LISTED.minusSeconds(7200)), Optional.empty(), List.of()));
        return new Finding(guest, new Verdict.End(Reason.STUCK, "waiting 2h"));
    }

    private static Outcome alreadyEnded(String id, Optional<Instant> at) {
        return new Outcome.Ended(id, List.of(), Duration.ZERO, List.of(), true, at);
    }

    @Test
    void aConversationOverLongBeforeAnalyticsListedItOpenIsAGhostAndRemembered() {
        assertThat(check.afterLook(finding("a"), alreadyEnded("a", Optional.of(LISTED.minusSeconds(3600))), LISTED, LISTED)).isPresent();
        assertThat(check.afterLook(finding("b"), new Outcome.NotFound("b", Duration.ZERO, List.of()), LISTED, LISTED))
                .hasValueSatisfying(g -> assertThat(g.notFound()).isTrue());
        assertThat(memory.seenSince(LISTED)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aConversationEndedWithinAnalyticsLagOrAfterTheListingIsNoGhost() {
        assertThat(check.afterLook(finding("lag"), alreadyEnded("lag", Optional.of(LISTED.minusSeconds(10))), LISTED, LISTED)).isEmpty();
        assertThat(check.afterLook(finding("race"), alreadyEnded("race", Optional.of(LISTED.plusSeconds(5))), LISTED, LISTED)).isEmpty();
        assertThat(check.afterLook(finding("ours"), new Outcome.Ended("ours", List.of(), Duration.ZERO, List.of(), false), LISTED, LISTED))
                .isEmpty();
        assertThat(memory.seenSince(LISTED.minusSeconds(86_400))).isEmpty();
    }
}
