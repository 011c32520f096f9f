package dev.unstuck.sandbox.org;

import java.util.Set;

/**
 * The divisions in which a client holds a permission: what it may see or change there. Queues and
 * conversations outside its reach are left out of listings and analytics, and refused one by one.
 */
public record Reach(Set<String> divisionIds, boolean allDivisions) {
    public Reach {
        divisionIds = Set.copyOf(divisionIds);
    }

    public static Reach everywhere() {
        return new Reach(Set.of(), true);
    }

    public boolean includes(String divisionId) {
        return allDivisions || divisionIds.contains(divisionId);
    }
}
