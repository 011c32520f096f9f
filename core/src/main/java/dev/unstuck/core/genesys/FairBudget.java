package dev.unstuck.core.genesys;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The org's per-minute budget shared fairly: acts (ending a conversation: its look, its PATCHes and
 * teardowns, its verification) keep a reserved share that reads (inspect, scans, listings) cannot take,
 * so a viewer looping on inspect cannot starve an operator's ending or the watch.
 *
 * <p>Two lanes, each a {@link CallBudget}: reads go only through the read lane ({@code perMinute} less
 * the reserved share); acts take whichever lane gives the earlier permit, so with no reads about they
 * have the whole budget, and with reads queued far ahead they still have their reserved share at once.
 * The two lanes together never pass {@code perMinute} in any period.
 */
final class FairBudget {
    /** The kind of call, by what it is for. */
    enum Kind { ACT, READ }

    private final CallBudget reads;
    private final CallBudget acts;

    /**
     * @param reservedPercent the share (0–90) of {@code perMinute} kept for acts; at least one call a
     *     minute stays with each lane
     */
    FairBudget(int perMinute, int reservedPercent, LongSupplier nanoTime) {
        if (reservedPercent < 0 || reservedPercent > 90) {
            throw new IllegalArgumentException("reservedPercent must be from 0 to 90");
        }
        int reserved = perMinute < 2 ? 0 : Math.max(reservedPercent == 0 ? 0 : 1, (int) ((long) perMinute * reservedPercent / 100));
        this.reads = new CallBudget(Math.max(1, perMinute - reserved), nanoTime);
        this.acts = reserved == 0 ? null : new CallBudget(reserved, nanoTime);
    }

    /** Takes a permit for a call of that kind; answers how long the caller must wait before sending it. */
    synchronized Duration reserve(Kind kind) {
        if (kind == Kind.READ || acts == null) {
            return reads.reserve();
        }
        return acts.peek().compareTo(reads.peek()) <= 0 ? acts.reserve() : reads.reserve();
    }

    /** The calls a minute reads may take at most. */
    int readsPerMinute() {
        return reads.perMinute();
    }
}
