package dev.unstuck.core.detect;

import java.time.Instant;
import java.util.Objects;

/**
 * A conversation analytics listed open that the conversation API shows ended, or does not know (its own
 * 404 to a valid token): the field's record whose {@code conversationEnd} never arrives. Real orgs keep
 * such records for ever, so each one would cost a look on every sweep.
 *
 * @param queue the queue analytics had it waiting in (name or id), or "no queue"
 * @param notFound the conversation API does not know it (else it shows it ended)
 */
public record AnalyticsGhost(String conversationId, String queue, Instant seenAt, boolean notFound) {

    public AnalyticsGhost {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(seenAt, "seenAt");
    }
}
