package dev.unstuck.core.engine;

/**
 * @param force end even when an agent is connected to the guest
 * @param teardownForWrapup end legs pending wrap-up by a teardown, which applies the system wrap-up;
 *                          otherwise they are left to the agent
 */
public record PlanOptions(boolean force, boolean teardownForWrapup) {

    public static PlanOptions defaults() {
        return new PlanOptions(false, false);
    }
}
