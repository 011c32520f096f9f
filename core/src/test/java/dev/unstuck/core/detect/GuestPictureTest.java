package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.conversation.LegState;
import dev.unstuck.core.conversation.Participant;
import dev.unstuck.core.conversation.Participant.LegTimes;
import dev.unstuck.core.conversation.Purpose;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order in which the watch hands its due guests to the engine while a busy queue drains. */
class GuestPictureTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void aGuestTheStreamShowsStuckIsHandedOverBeforeAnOlderOneADrainRoundListed() {
        GuestPicture picture = new GuestPicture(Policy.defaults());
        picture.drained(List.of(waiting("backlog-1", 95), waiting("backlog-2", 90)));
        picture.streamed(waiting("from-the-stream", 40));

        assertThat(picture.due(NOW)).extracting(Finding::conversationId).containsExactly("from-the-stream", "backlog-1", "backlog-2");
    }

    @Test
    void aDrainedGuestTheStreamThenShowsIsOrderedByAgeAgain() {
        GuestPicture picture = new GuestPicture(Policy.defaults());
        picture.drained(List.of(waiting("backlog", 95)));
        picture.streamed(waiting("from-the-stream", 40));

        picture.streamed(waiting("backlog", 95));

        assertThat(picture.due(NOW)).extracting(Finding::conversationId).containsExactly("backlog", "from-the-stream");
    }

    private static Guest waiting(String id, int minutes) {
        Instant start = NOW.minus(Duration.ofMinutes(minutes));
        LegTimes since = new LegTimes(Optional.of(start), Optional.of(start), Optional.empty());
        return Guest.of(new Conversation(id, Optional.of(start), Optional.empty(), List.of(
                Participant.of("cust-" + id, Purpose.CUSTOMER, LegState.CONNECTED).withTimes(since),
                Participant.of("acd-" + id, Purpose.ACD, LegState.CONNECTED).withTimes(since).withQueue("q1", "Support"))));
    }
}
