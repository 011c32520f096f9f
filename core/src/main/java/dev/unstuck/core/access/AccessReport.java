package dev.unstuck.core.access;

import java.util.List;
import java.util.Objects;

/** Who the OAuth client is, its roles, and each capability's status. */
public record AccessReport(String clientId, String clientName, List<RoleGrant> roles, List<CapabilityStatus> capabilities) {

    public AccessReport {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientName, "clientName");
        roles = List.copyOf(roles);
        capabilities = List.copyOf(capabilities);
    }

    public boolean allOk() {
        return capabilities.stream().allMatch(CapabilityStatus::ok);
    }

    public CapabilityStatus status(Capability capability) {
        return capabilities.stream().filter(c -> c.capability() == capability).findFirst().orElseThrow();
    }
}
