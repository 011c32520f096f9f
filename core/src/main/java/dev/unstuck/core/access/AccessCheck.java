package dev.unstuck.core.access;

import dev.unstuck.core.genesys.DivisionInfo;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.RoleDivision;
import dev.unstuck.core.genesys.RoleInfo;
import dev.unstuck.core.genesys.TokenInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads {@code tokens/me} → the OAuth client's roles and the divisions each is granted in → their
 * permissions, and checks each {@link Capability} and each division. Client-credential clients get roles,
 * not scopes, so roles decide; and a role counts only in the divisions it is granted in
 * (docs/genesys-api.md, Token introspection and Divisions).
 */
public final class AccessCheck {

    private AccessCheck() {
    }

    /**
     * @throws GenesysException when the token or {@code tokens/me} cannot be had (bad credentials,
     *                          unreachable region); a role or listing that cannot be read is reported, not thrown
     */
    public static AccessReport run(GenesysClient client) {
        TokenInfo token = client.tokenInfo();
        String clientId = token.clientId().isEmpty() ? client.clientId() : token.clientId();
        String clientName = token.clientName().isEmpty() ? clientId : token.clientName();
        Map<String, RoleGrant> roles = new LinkedHashMap<>();
        for (String roleId : token.roleIds()) {
            roles.put(roleId, grant(client, roleId));
        }
        List<String> granted = roles.values().stream().flatMap(r -> r.permissions().stream()).distinct().toList();
        List<String> roleNames = roles.values().stream().map(RoleGrant::name).toList();
        List<CapabilityStatus> statuses = Arrays.stream(Capability.values())
                .map(c -> CapabilityStatus.of(c, granted, clientName, roleNames))
                .toList();
        List<DivisionReach> divisions = divisions(client, token, roles);
        return new AccessReport(clientId, clientName, List.copyOf(roles.values()), statuses, divisions, QueueVisibility.check(client));
    }

    /**
     * What the token's roles grant now (in some division), or empty when a role cannot be read (the client
     * lacks {@code authorization:role:view}): a credential check compares it with the permissions a
     * refused act named.
     */
    public static Optional<List<String>> granted(GenesysClient client, TokenInfo token) {
        List<String> out = new ArrayList<>();
        for (String roleId : token.roleIds()) {
            RoleGrant role = grant(client, roleId);
            if (!role.readable()) {
                return Optional.empty();
            }
            out.addAll(role.permissions());
        }
        return Optional.of(List.copyOf(out));
    }

    private static List<DivisionReach> divisions(GenesysClient client, TokenInfo token, Map<String, RoleGrant> roles) {
        List<DivisionInfo> all;
        try {
            all = client.divisions();
        } catch (GenesysException e) {
            if (e.status() != 403 && e.status() != 404) {
                throw e;
            }
            // Documented as needing no permission; should it fail, the grants still name their divisions.
            all = token.roleDivisions().stream().map(RoleDivision::divisionId).filter(id -> !id.isEmpty() && !id.equals(RoleDivision.ALL_DIVISIONS))
                    .distinct().map(id -> new DivisionInfo(id, id, false)).toList();
        }
        String home = all.stream().filter(DivisionInfo::home).map(DivisionInfo::id).findFirst().orElse("");
        List<String> needed = Stream.concat(Capability.DETECT.required().stream(), Capability.END.required().stream())
                .distinct().toList();
        List<DivisionReach> out = new ArrayList<>();
        for (DivisionInfo d : all) {
            // A grant without a division is the home division's, as Genesys applies it when none is given.
            List<RoleGrant> here = token.roleDivisions().stream()
                    .filter(g -> g.allDivisions() || g.divisionId().equals(d.id()) || (g.divisionId().isEmpty() && d.id().equals(home)))
                    .map(RoleDivision::roleId).distinct().map(roles::get).filter(java.util.Objects::nonNull).toList();
            List<String> permissions = here.stream().flatMap(r -> r.permissions().stream()).distinct().toList();
            List<String> missing = needed.stream().filter(p -> !Permissions.anyCovers(permissions, p)).toList();
            out.add(new DivisionReach(d.id(), d.name().isEmpty() ? d.id() : d.name(), d.home(),
                    here.stream().map(RoleGrant::name).toList(), missing));
        }
        return out;
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
