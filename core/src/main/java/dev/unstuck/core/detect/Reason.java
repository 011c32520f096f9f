package dev.unstuck.core.detect;

import java.util.Locale;

/** Why a guest is ended: the rule of {@link QueuePolicy} it crossed. */
public enum Reason {
    /** Waiting in the queue longer than {@code maxWait}. */
    STUCK,
    /** Sent back to the queue again and again, or near a platform cap. */
    LOOPING,
    /** The customer is gone; a queue or flow leg stays. */
    ORPHANED,
    /**
     * Nothing holds the conversation any more, no queue, flow or connected agent leg, yet it is not over: the
     * customer is still there, or is gone while an agent offer rings on (an ending cut short).
     */
    STRANDED,
    /** No message from the guest (or, without messages, no leg activity) for {@code idleAfter}. */
    IDLE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
