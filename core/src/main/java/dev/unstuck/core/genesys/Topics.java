package dev.unstuck.core.genesys;

import java.util.Objects;

/**
 * Names of the notification topics unstuck listens to. Genesys serves no wildcards here, so callers
 * subscribe per queue and per conversation, and again after a transfer.
 */
public final class Topics {

    private Topics() {
    }

    /** Every participant change of the queue's messaging conversations: {@code v2.routing.queues.{id}.conversations.messages}. */
    public static String queue(String queueId) {
        return "v2.routing.queues." + Objects.requireNonNull(queueId, "queueId") + ".conversations.messages";
    }

    /**
     * One kind of detail event of one conversation: {@code v2.detail.events.conversation.{id}.{event}}.
     *
     * @param event e.g. {@code acd.start}, {@code acd.end}, {@code user.end}, {@code customer.end}, {@code acw}, {@code wrapup}
     */
    public static String conversation(String conversationId, String event) {
        return "v2.detail.events.conversation." + Objects.requireNonNull(conversationId, "conversationId") + "."
                + Objects.requireNonNull(event, "event");
    }
}
