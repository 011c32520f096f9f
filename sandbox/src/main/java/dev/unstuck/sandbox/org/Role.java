package dev.unstuck.sandbox.org;

import java.util.List;

/** An organization role: the permissions an OAuth client gets through its role grants. */
public record Role(String id, String name, String description, List<Permission> permissions) {
    public Role {
        permissions = List.copyOf(permissions);
    }

    public boolean grants(Permission required) {
        return permissions.stream().anyMatch(p -> p.covers(required));
    }
}
