package dev.unstuck.core.access;

import java.util.List;
import java.util.Objects;

/**
 * A role of the OAuth client.
 *
 * @param name the role's name; its id when the role could not be read
 * @param readable false when the role could not be read (no {@code authorization:role:view}); its
 *                 permissions are then unknown and counted as missing
 */
public record RoleGrant(String id, String name, List<String> permissions, boolean readable) {

    public RoleGrant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        permissions = List.copyOf(permissions);
    }
}
