package dev.unstuck.core.access;

import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.RoleInfo;
import dev.unstuck.core.genesys.TokenInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code tokens/me} → the OAuth client's roles → their permissions, and checks each
 * {@link Capability}. Client-credential clients get roles, not scopes, so roles decide (genesys-api.md §2).
 */
public final class AccessCheck {

    private AccessCheck() {
    }

    /**
     * @throws GenesysException when the token or {@code tokens/me} cannot be had (bad credentials,
     *                          unreachable region); a role that cannot be read is reported, not thrown
     */
    public static AccessReport run(GenesysClient client) {
        TokenInfo token = client.tokenInfo();
        String clientId = token.clientId().isEmpty() ? client.clientId() : token.clientId();
        String clientName = token.clientName().isEmpty() ? clientId : token.clientName();
        List<RoleGrant> roles = new ArrayList<>();
        for (String roleId : token.roleIds()) {
            roles.add(grant(client, roleId));
        }
        List<String> granted = roles.stream().flatMap(r -> r.permissions().stream()).distinct().toList();
        List<String> roleNames = roles.stream().map(RoleGrant::name).toList();
        List<CapabilityStatus> statuses = Arrays.stream(Capability.values())
                .map(c -> CapabilityStatus.of(c, granted, clientName, roleNames))
                .toList();
        return new AccessReport(clientId, clientName, roles, statuses);
    }

    private static RoleGrant grant(GenesysClient client, String roleId) {
        try {
            Optional<RoleInfo> role = client.role(roleId);
            return role.map(r -> new RoleGrant(roleId, r.name().isEmpty() ? roleId : r.name(), r.permissions(), true))
                    .orElseGet(() -> new RoleGrant(roleId, roleId, List.of(), false));
        } catch (GenesysException e) {
            if (e.status() == 403 || e.status() == 404) {
                return new RoleGrant(roleId, roleId, List.of(), false);
            }
            throw e;
        }
    }
}
