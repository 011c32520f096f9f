package dev.unstuck.core.engine;

import java.util.Objects;

/**
 * @param force end even when an agent is connected to the guest
 * @param dryRun look and plan only; nothing is changed
 * @param reason why the user asks (kept in the audit)
 * @param requestedBy who asks (kept in the audit)
 */
public record EndRequest(boolean force, boolean dryRun, String reason, String requestedBy) {

    public EndRequest {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
