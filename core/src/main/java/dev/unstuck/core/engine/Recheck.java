package dev.unstuck.core.engine;

import dev.unstuck.core.conversation.Conversation;
import java.util.Optional;

/**
 * A caller's second opinion on the engine's fresh look: detection hands the engine the rule that found
 * a conversation, so a conversation that changed since (answered, requeued, young again) is left alone
 * instead of being ended on stale data.
 */
@FunctionalInterface
public interface Recheck {

    /** No objection: the engine's own plan decides. */
    Recheck NONE = conversation -> Optional.empty();

    /** Why the conversation, as just read, should not be ended; empty when it should. */
    Optional<String> objection(Conversation conversation);
}
