package dev.unstuck.core.conversation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One leg of a messaging conversation.
 *
 * @param queueName the queue's name when the API gave it (for display)
 * @param purposeText the API's purpose string as given ({@code workflow}, {@code acd}…), for display
 * @param wrapupRequired the agent must wrap up after this leg
 * @param wrapupPending wrap-up required, leg disconnected and no wrap-up yet: patching it answers 409
 * @param times when the leg joined, was connected and ended, as far as Genesys said
 */
public record Participant(
        String id,
        Purpose purpose,
        LegState state,
        Optional<String> queueId,
        Optional<String> userId,
        Optional<String> name,
        boolean wrapupRequired,
        boolean wrapupPending,
        Optional<String> queueName,
        String purposeText,
        LegTimes times) {

    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(queueName, "queueName");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(purposeText, "purposeText");
        Objects.requireNonNull(times, "times");
    }

    /**
     * When a leg joined, was connected and ended, and when it last sent a message (the latest
     * {@code messageTime} of its {@code messages[]}: the guest's on the customer leg, an agent's replies
     * on the agent leg); each empty when Genesys did not say.
     */
    public record LegTimes(Optional<Instant> start, Optional<Instant> connected, Optional<Instant> end, Optional<Instant> lastMessage) {

        public static final LegTimes UNKNOWN = new LegTimes(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        public LegTimes {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(connected, "connected");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(lastMessage, "lastMessage");
        }

        /** A leg that sent no message (or whose messages Genesys did not list). */
        public LegTimes(Optional<Instant> start, Optional<Instant> connected, Optional<Instant> end) {
            this(start, connected, end, Optional.empty());
        }
    }

    /** A leg with only the fields the planner needs; the rest empty. */
    public static Participant of(String id, Purpose purpose, LegState state) {
        return new Participant(id, purpose, state, Optional.empty(), Optional.empty(), Optional.empty(),
                false, false, Optional.empty(), purpose.word(), LegTimes.UNKNOWN);
    }

    public Participant withQueue(String id, String name) {
        return new Participant(this.id, purpose, state, Optional.of(id), userId, this.name,
                wrapupRequired, wrapupPending, Optional.of(name), purposeText, times);
    }

    public Participant withUser(String userId, String name) {
        return new Participant(id, purpose, state, queueId, Optional.of(userId), Optional.of(name),
                wrapupRequired, wrapupPending, queueName, purposeText, times);
    }

    public Participant withWrapup(boolean required, boolean pending) {
        return new Participant(id, purpose, state, queueId, userId, name, required, pending, queueName, purposeText, times);
    }

    public Participant withTimes(LegTimes times) {
        return new Participant(id, purpose, state, queueId, userId, name, wrapupRequired, wrapupPending, queueName, purposeText, times);
    }

    /** When this leg last sent a message; on the customer leg, the guest's last message. */
    public Optional<Instant> lastMessage() {
        return times.lastMessage();
    }

    public boolean active() {
        return state.active();
    }

    /** Compact text for audit and logs: {@code acd(Support):connected}, {@code agent(Ana Agent):disconnected+acw}. */
    public String describe() {
        String label = switch (purpose) {
            case ACD -> queueName.or(() -> queueId).map(q -> "acd(" + q + ")").orElse("acd");
            case AGENT -> name.or(() -> userId).map(u -> "agent(" + u + ")").orElse("agent");
            case FLOW -> purposeText;
            default -> purpose == Purpose.OTHER ? purposeText : purpose.word();
        };
        return label + ":" + state.word() + (wrapupPending ? "+acw" : "");
    }
}
