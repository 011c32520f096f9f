package dev.unstuck.sandbox.org;

import java.util.ArrayList;
import java.util.List;

/** An organization role: the permissions an OAuth client gets through its role grants. */
public record Role(String id, String name, String description, List<Permission> permissions) {
    public Role {
        permissions = List.copyOf(permissions);
    }

    /** The same role with {@code taken} removed (as listed, not by wildcard) and {@code given} added. */
    public Role changed(List<Permission> taken, List<Permission> given) {
        List<Permission> now = new ArrayList<>(permissions);
        now.removeAll(taken);
        given.stream().filter(p -> !now.contains(p)).forEach(now::add);
        return new Role(id, name, description, now);
    }

    public boolean grants(Permission required) {
        return permissions.stream().anyMatch(p -> p.covers(required));
    }
}
