package dev.unstuck.sandbox.world;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.clock.SandboxClock;
import dev.unstuck.sandbox.conversation.Conversation;
import dev.unstuck.sandbox.conversation.ModelEvent;
import dev.unstuck.sandbox.conversation.Participant;
import dev.unstuck.sandbox.conversation.ParticipantChange;
import dev.unstuck.sandbox.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Part 2 (analytics, notifications) will stand on these events: they must tell the whole story in order. */
class ModelEventsTest {
    private static final String SCENARIO = """
            {"queues": [{"id": "q", "name": "Q"}], "agents": [{"id": "u", "name": "Ana"}],
             "guests": [{"id": "c", "label": "w", "kind": "waiting", "ageSeconds": 60},
                        {"id": "l", "label": "l", "kind": "looping", "ageSeconds": 600, "passes": 2}]}
            """;

    private final SandboxClock clock = new SandboxClock(ClockMode.MANUAL, Instant.parse("2026-01-01T10:00:00Z"));
    private final State state = new State(clock, new ScenarioReader(new ObjectMapper()).read("{}"));
    private final List<ModelEvent> events = new ArrayList<>();

    private World load() {
        state.addListener(events::add);
        return state.load(new ScenarioReader(new ObjectMapper()).read(SCENARIO));
    }

    @Test
    void buildingAGuestTellsItsHistoryWithItsOwnTimes() {
        load();

        List<ModelEvent> forWaiting = events.stream().filter(e -> e.conversationId().equals("c")).toList();
        assertThat(forWaiting).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "ParticipantStarted", "MessageSent", "ParticipantStarted", "ParticipantEnded", "ParticipantStarted", "AcdStarted");
        assertThat(forWaiting.get(0).at()).isEqualTo(Instant.parse("2026-01-01T09:59:00Z"));
        assertThat(forWaiting.get(1).at()).as("the guest's first message opens the conversation").isEqualTo(Instant.parse("2026-01-01T09:59:00Z"));
    }

    @Test
    void endingTheCustomerLegThenCleanupTellsAcdEndAndConversationEnd() {
        World world = load();
        Conversation c = world.conversation("c").orElseThrow();
        Participant customer = c.customer().orElseThrow();
        events.clear();

        state.locked(w -> w.lifecycle().patchParticipant(c, customer, new ParticipantChange(Optional.of("disconnected"), Optional.empty())));
        clock.advance(Duration.ofSeconds(180));
        state.locked(w -> null);

        List<ModelEvent> forWaiting = events.stream().filter(e -> e.conversationId().equals("c")).toList();
        assertThat(forWaiting).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "ParticipantEnded", "ParticipantEnded", "AcdEnded", "QueueEntryFreed", "ConversationEnded");
        assertThat(forWaiting.get(0).at()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(forWaiting.get(3).at()).isEqualTo(Instant.parse("2026-01-01T10:03:00Z"));
    }

    @Test
    void aLoopPassTellsAcdEndWithFlowOutAndANewAcdStart() {
        World world = load();
        events.clear();

        clock.advance(Duration.ofSeconds(world.settings().loopIntervalSeconds() + 5));
        state.locked(w -> null);

        List<ModelEvent> loop = events.stream().filter(e -> e.conversationId().equals("l")).toList();
        assertThat(loop).filteredOn(e -> e instanceof ModelEvent.AcdEnded)
                .extracting(e -> ((ModelEvent.AcdEnded) e).outcome()).containsExactly("FLOW_OUT");
        assertThat(loop).filteredOn(e -> e instanceof ModelEvent.AcdStarted).hasSize(1);
        assertThat(loop.get(loop.size() - 1).at()).isEqualTo(Instant.parse("2026-01-01T10:02:05Z"));
    }
}
