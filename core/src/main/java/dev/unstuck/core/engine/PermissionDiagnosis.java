package dev.unstuck.core.engine;

import dev.unstuck.core.access.PermissionFix;
import dev.unstuck.core.access.Permissions;
import dev.unstuck.core.genesys.ErrorBody;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.RoleInfo;
import dev.unstuck.core.genesys.TokenInfo;
import java.util.ArrayList;
import java.util.List;

/** Turns a 403 into the missing permissions, the client's roles and the fix; role names are best effort. */
final class PermissionDiagnosis {

    private PermissionDiagnosis() {
    }

    static Cause.PermissionMissing of(GenesysException forbidden, GenesysClient client) {
        List<String> permissions = new ArrayList<>();
        forbidden.error().ifPresent(error -> {
            error.messageParams().values().forEach(v -> Permissions.findIn(v).forEach(p -> addOnce(permissions, p)));
            if (permissions.isEmpty()) {
                Permissions.findIn(error.message()).forEach(p -> addOnce(permissions, p));
            }
        });
        String clientLabel = client.clientId();
        List<String> roleNames = new ArrayList<>();
        try {
            TokenInfo token = client.tokenInfo();
            if (!token.clientName().isEmpty()) {
                clientLabel = token.clientName() + " (" + client.clientId() + ")";
            }
            for (String roleId : token.roleIds()) {
                roleNames.add(roleName(client, roleId));
            }
        } catch (GenesysException e) {
            // Best effort: the fix still names the client and the permission.
        }
        boolean division = forbidden.error().map(ErrorBody::code).filter(PermissionFix.DIVISION_CODE::equals).isPresent();
        String fix = division ? PermissionFix.divisionSentence(permissions, clientLabel, roleNames) : PermissionFix.sentence(permissions.isEmpty() ? List.of(codeOf(forbidden)) : permissions, clientLabel, roleNames);
        return new Cause.PermissionMissing(permissions, client.clientId(), roleNames, fix);
    }

    private static String roleName(GenesysClient client, String roleId) {
        try {
            return client.role(roleId).map(RoleInfo::name).filter(n -> !n.isEmpty()).orElse(roleId);
        } catch (GenesysException e) {
            return roleId;
        }
    }

    private static String codeOf(GenesysException e) {
        return e.error().map(ErrorBody::message).filter(m -> !m.isEmpty()).orElse("the permission Genesys names in its answer");
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}
