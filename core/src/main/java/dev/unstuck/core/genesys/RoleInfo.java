package dev.unstuck.core.genesys;

import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/v2/authorization/roles/{id}}.
 *
 * @param permissions {@code domain:entity:action} strings, from {@code permissions[]} and expanded
 *                    {@code permissionPolicies[]}; may hold wildcards ({@code conversation:*:*})
 */
public record RoleInfo(String id, String name, List<String> permissions) {

    public RoleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        permissions = List.copyOf(permissions);
    }
}
