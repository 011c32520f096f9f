package dev.unstuck.sandbox.org;

import java.util.Collection;
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

    /**
     * Whether something that lies in several divisions (a conversation: every division its flows, queues
     * and agents lie in) is within reach: in every one of them ({@code needsEvery}), or in one.
     */
    public boolean includes(Collection<String> divisionIds, boolean needsEvery) {
        return needsEvery ? divisionIds.stream().allMatch(this::includes) : divisionIds.stream().anyMatch(this::includes);
    }
}
