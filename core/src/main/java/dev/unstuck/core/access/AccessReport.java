package dev.unstuck.core.access;

import java.util.List;
import java.util.Objects;

/**
 * Who the OAuth client is, its roles, each capability's status, where it can act (per division), and
 * which queues of the org it cannot see.
 */
public record AccessReport(String clientId, String clientName, List<RoleGrant> roles, List<CapabilityStatus> capabilities,
                           List<DivisionReach> divisions, QueueVisibility queues) {

    public AccessReport {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientName, "clientName");
        roles = List.copyOf(roles);
        capabilities = List.copyOf(capabilities);
        divisions = List.copyOf(divisions);
        Objects.requireNonNull(queues, "queues");
    }

    /** Every capability is granted and there is at least one division where the client can find and end guests. */
    public boolean allOk() {
        return capabilities.stream().allMatch(CapabilityStatus::ok) && divisions.stream().anyMatch(DivisionReach::canAct);
    }

    public CapabilityStatus status(Capability capability) {
        return capabilities.stream().filter(c -> c.capability() == capability).findFirst().orElseThrow();
    }

    /** The divisions where the client can find and end guests. */
    public List<DivisionReach> actsIn() {
        return divisions.stream().filter(DivisionReach::canAct).toList();
    }

    /** The divisions where it cannot (no role there, or a role lacking some permission). */
    public List<DivisionReach> cannotActIn() {
        return divisions.stream().filter(d -> !d.canAct()).toList();
    }
}
