package dev.unstuck.core.engine;

/**
 * How far the engine goes to end a conversation.
 *
 * @param teardownAsLastResort when a 409 (or a conversation that stays active) survives
 *                             {@code maxReplans} re-reads, end it by Genesys' teardown
 *                             ({@code POST /api/v2/conversations/{id}/disconnect}); always recorded
 * @param maxReplans how many times a conflict or a failed verification leads to re-read and re-plan
 * @param teardownForWrapup legs pending wrap-up are ended by teardown (system wrap-up) instead of
 *                          being left to the agent
 * @param recheckBeforeCustomer re-read right before the customer leg, so an agent who answered
 *                              meanwhile keeps the guest (one GET more per conversation)
 * @param verifyEach re-read after the last step to confirm the conversation ended; a sweep that
 *                   confirms a whole batch by one analytics query turns it off (then a run whose
 *                   steps all succeeded is {@code Ended} without that read). Re-reads after a 409
 *                   happen either way.
 */
public record EnginePolicy(boolean teardownAsLastResort, int maxReplans, boolean teardownForWrapup, boolean recheckBeforeCustomer,
                           boolean verifyEach) {

    public EnginePolicy {
        if (maxReplans < 0) {
            throw new IllegalArgumentException("maxReplans must not be negative");
        }
    }

    /** Teardown as last resort on, 3 re-plans, wrap-up left to agents, re-check before the customer leg, verify each. */
    public static EnginePolicy defaults() {
        return new EnginePolicy(true, 3, false, true, true);
    }

    /**
     * Fewest calls per conversation (look, then one PATCH per leg) for sweeps that verify in bulk: no
     * re-read before the customer leg (a 409 on the queue leg still reveals an agent who answered) and
     * no per-conversation verification: sweeps verify by one analytics query per hundred, watches by the
     * stream's next event; both finish what a late agent offer left open.
     */
    public static EnginePolicy lean() {
        return new EnginePolicy(true, 3, false, false, false);
    }

    public PlanOptions planOptions(boolean force) {
        return new PlanOptions(force, teardownForWrapup);
    }
}
