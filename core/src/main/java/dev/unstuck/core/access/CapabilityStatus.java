package dev.unstuck.core.access;

import java.util.List;
import java.util.Objects;

/**
 * One capability against the OAuth client's permissions.
 *
 * @param fix what to add where; empty when nothing is missing
 */
public record CapabilityStatus(Capability capability, List<String> required, List<String> missing, String fix) {

    public CapabilityStatus {
        Objects.requireNonNull(capability, "capability");
        required = List.copyOf(required);
        missing = List.copyOf(missing);
        Objects.requireNonNull(fix, "fix");
    }

    /** Checks {@code capability} against what the client's roles grant (wildcards honoured). */
    public static CapabilityStatus of(Capability capability, List<String> granted, String client, List<String> roleNames) {
        List<String> missing = capability.required().stream().filter(r -> !Permissions.anyCovers(granted, r)).toList();
        return new CapabilityStatus(capability, capability.required(), missing, PermissionFix.sentence(missing, client, roleNames));
    }

    public boolean ok() {
        return missing.isEmpty();
    }
}
