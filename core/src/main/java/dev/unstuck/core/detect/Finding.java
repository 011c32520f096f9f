package dev.unstuck.core.detect;

import dev.unstuck.core.engine.Detection;
import java.util.Objects;

/** A guest and what detection made of it. */
public record Finding(Guest guest, Verdict verdict) {

    public Finding {
        Objects.requireNonNull(guest, "guest");
        Objects.requireNonNull(verdict, "verdict");
    }

    public String conversationId() {
        return guest.conversationId();
    }

    /** The queue's name when known, else its id, else "no queue". */
    public String queue() {
        return guest.queueName().or(guest::queueId).orElse("no queue");
    }

    /** The reason word: stuck, looping, orphaned, stranded, idle, or the leave reason (live-agent, too-young…). */
    public String why() {
        return verdict instanceof Verdict.End end ? end.reason().word() : ((Verdict.Leave) verdict).reason().word();
    }

    public boolean toEnd() {
        return verdict instanceof Verdict.End;
    }

    /** What the audit keeps of this finding: the rule (when one is crossed), the queue and flow, the passes, the wait. */
    public Detection detection() {
        return new Detection(verdict instanceof Verdict.End end ? end.reason().word() : "", guest.queueId(), guest.queueName(),
                guest.flowId(), guest.flowName(), guest.passes(), guest.waitingSince());
    }
}
