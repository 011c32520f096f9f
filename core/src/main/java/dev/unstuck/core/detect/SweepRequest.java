package dev.unstuck.core.detect;

import java.util.List;
import java.util.Objects;

/**
 * One sweep as a user asks for it.
 *
 * @param dryRun look and plan only
 * @param queues only these queues (names or ids); all the policy allows when empty
 * @param reason why, for the audit (each conversation's entry adds the rule it crossed)
 * @param requestedBy who asks, for the audit
 */
public record SweepRequest(boolean dryRun, List<String> queues, String reason, String requestedBy) {

    public SweepRequest {
        queues = List.copyOf(queues);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
