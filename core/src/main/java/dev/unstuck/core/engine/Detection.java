package dev.unstuck.core.engine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What detection found about a guest it asks the engine to end, kept with every audit row of that
 * ending so reports can say where guests get stuck (which flow and queue, how often, since when)
 * from columns instead of from sentences.
 *
 * @param rule the rule's word ({@code stuck}, {@code looping}, {@code orphaned}, {@code stranded}, {@code idle});
 *             empty for an ending a person asked for
 * @param queueId the queue the guest was in (or last in)
 * @param queueName that queue's name
 * @param flowId the Architect flow of the guest's latest flow leg
 * @param flowName that flow's name
 * @param passes how many times the guest entered a queue or a flow, whichever is more (1 for a guest that never bounced)
 * @param waitingSince when the guest's current queue wait began
 */
public record Detection(String rule, Optional<String> queueId, Optional<String> queueName, Optional<String> flowId,
                        Optional<String> flowName, int passes, Optional<Instant> waitingSince) {

    /** An ending no detection asked for (a person's {@code end}, a resumed ending). */
    public static final Detection NONE = new Detection("", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0,
            Optional.empty());

    public Detection {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(queueName, "queueName");
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(flowName, "flowName");
        Objects.requireNonNull(waitingSince, "waitingSince");
    }
}
