package dev.unstuck.core.genesys;

import java.util.List;
import java.util.Objects;

/**
 * What {@code GET /api/v2/tokens/me} says about the caller: its OAuth client and that client's roles.
 *
 * @param roleIds ids of the roles granted to the OAuth client (from {@code OAuthClient.roleDivisions})
 */
public record TokenInfo(String clientId, String clientName, String organizationId, String organizationName, List<String> roleIds) {

    public TokenInfo {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(organizationName, "organizationName");
        roleIds = List.copyOf(roleIds);
    }
}
