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
 */
public record EnginePolicy(boolean teardownAsLastResort, int maxReplans, boolean teardownForWrapup, boolean recheckBeforeCustomer) {

    public EnginePolicy {
        if (maxReplans < 0) {
            throw new IllegalArgumentException("maxReplans must not be negative");
        }
    }

    /** Teardown as last resort on, 3 re-plans, wrap-up left to agents, re-check before the customer leg. */
    public static EnginePolicy defaults() {
        return new EnginePolicy(true, 3, false, true);
    }

    public PlanOptions planOptions(boolean force) {
        return new PlanOptions(force, teardownForWrapup);
    }
}
