package dev.unstuck.core.genesys;

import java.util.List;
import java.util.Objects;

/** {@code GET /api/v2/oauth/clients/{id}}: name, grant type, state and role ids of an OAuth client. */
public record OAuthClientInfo(String id, String name, String grantType, String state, List<String> roleIds) {

    public OAuthClientInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(grantType, "grantType");
        Objects.requireNonNull(state, "state");
        roleIds = List.copyOf(roleIds);
    }
}
