package dev.unstuck.core.engine;

import java.util.Objects;

/**
 * @param force end even when an agent is connected to the guest
 * @param dryRun look and plan only; nothing is changed
 * @param reason why the user asks (kept in the audit)
 * @param requestedBy who asks (kept in the audit)
 * @param detection what detection found, when a rule asks (kept in the audit); {@link Detection#NONE} otherwise
 */
public record EndRequest(boolean force, boolean dryRun, String reason, String requestedBy, Detection detection) {

    public EndRequest {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(detection, "detection");
    }

    /** A request no detection rule made. */
    public EndRequest(boolean force, boolean dryRun, String reason, String requestedBy) {
        this(force, dryRun, reason, requestedBy, Detection.NONE);
    }
}
