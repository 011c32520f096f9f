package dev.unstuck.core.detect;

import dev.unstuck.core.engine.EndRequest;
import java.util.Objects;

/**
 * Who asked detection to end guests, and why: a sweep's request, or a watch's standing one. Each guest's
 * {@link EndRequest} adds the rule it crossed to that reason, so the audit says both why the user asked
 * and why this conversation; the audit also keeps what was found (the rule, queue, flow, passes) as columns.
 *
 * @param dryRun look and plan only
 * @param reason why, for the audit (empty: the rule alone)
 * @param requestedBy who asks, for the audit
 */
record Mandate(boolean dryRun, String reason, String requestedBy) {

    Mandate {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }

    static Mandate of(SweepRequest request) {
        return new Mandate(request.dryRun(), request.reason(), request.requestedBy());
    }

    /** The engine's request for one guest found: the policy's force, and the rule it crossed added to the reason. */
    EndRequest endRequest(Finding finding, Policy policy) {
        String rule = finding.why() + ": " + finding.verdict().detail();
        return new EndRequest(policy.force(), dryRun, reason.isBlank() ? rule : reason + " (" + rule + ")", requestedBy,
                finding.detection());
    }

    /** The request that finishes an ending verification found unfinished: who asked, and why once more. */
    EndRequest finishing(Finding finding, Policy policy, String why) {
        EndRequest first = endRequest(finding, policy);
        return new EndRequest(first.force(), false, first.reason() + "; finishing: " + why, first.requestedBy(),
                first.detection());
    }
}
