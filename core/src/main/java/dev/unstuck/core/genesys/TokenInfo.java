package dev.unstuck.core.genesys;

import java.util.List;
import java.util.Objects;

/**
 * What {@code GET /api/v2/tokens/me} says about the caller: its OAuth client and that client's roles,
 * each granted in a division.
 *
 * @param roleDivisions the role grants ({@code OAuthClient.roleDivisions}), in the order listed
 */
public record TokenInfo(String clientId, String clientName, String organizationId, String organizationName,
                        List<RoleDivision> roleDivisions) {

    public TokenInfo {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(organizationName, "organizationName");
        roleDivisions = List.copyOf(roleDivisions);
    }

    /** Each granted role once, in the order first listed. */
    public List<String> roleIds() {
        return roleDivisions.stream().map(RoleDivision::roleId).distinct().toList();
    }
}
