package dev.unstuck.core.access;

import java.util.List;
import java.util.Objects;

/**
 * One division of the org against the client's role grants there (a grant to all divisions counts in
 * each). Genesys grants roles per division and lets a client see and act only on the queues and
 * conversations of the divisions its roles are granted in (docs/genesys-api.md, Divisions).
 *
 * @param roles   names of the client's roles granted in this division
 * @param missing the permissions of {@link Capability#DETECT} and {@link Capability#END} that no role
 *                grants here; empty when the client can find and end guests in this division
 */
public record DivisionReach(String id, String name, boolean home, List<String> roles, List<String> missing) {

    public DivisionReach {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        roles = List.copyOf(roles);
        missing = List.copyOf(missing);
    }

    /** The client can find (analytics, queues) and end guests here. */
    public boolean canAct() {
        return missing.isEmpty();
    }

    /** No role of the client is granted here: its queues and conversations are invisible to it. */
    public boolean unreached() {
        return roles.isEmpty();
    }
}
