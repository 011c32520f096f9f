package dev.unstuck.sandbox.org;

import java.util.List;

/**
 * A person of the org who signs in at {@code /oauth/authorize} (a supervisor, an engineer). A token
 * issued to a user through a client of the authorization code grant carries the user's roles, granted
 * per division like a client's, not the client's.
 */
public record User(String id, String name, String email, String password, String divisionId, List<RoleDivision> roleDivisions) {
    public User {
        roleDivisions = List.copyOf(roleDivisions);
    }

    /** Who acts when the user calls through {@code via}: the client's id and token settings, the user's grants. */
    public OAuthClient actingThrough(OAuthClient via) {
        return new OAuthClient(via.id(), via.secret(), name, roleDivisions, via.accessTokenValiditySeconds(), via.grantType(), via.state(),
                via.redirectUris());
    }

    /** Each role once, in the order first granted. */
    public List<String> roleIds() {
        return roleDivisions.stream().map(RoleDivision::roleId).distinct().toList();
    }
}
