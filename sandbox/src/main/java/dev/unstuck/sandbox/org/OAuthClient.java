package dev.unstuck.sandbox.org;

import java.util.List;
import java.util.Optional;

/**
 * A client-credentials OAuth client. Its secret never leaves the sandbox in an answer. The token lifetime
 * is the client's own {@code accessTokenValiditySeconds} when set, else the org setting. Its roles are
 * granted per division ({@code roleDivisions}).
 */
public record OAuthClient(String id, String secret, String name, List<RoleDivision> roleDivisions,
                          Optional<Integer> accessTokenValiditySeconds, String grantType, String state) {
    public OAuthClient {
        roleDivisions = List.copyOf(roleDivisions);
    }

    /** Each role once, in the order first granted. */
    public List<String> roleIds() {
        return roleDivisions.stream().map(RoleDivision::roleId).distinct().toList();
    }

    public boolean usesClientCredentials() {
        return "CLIENT-CREDENTIALS".equals(grantType);
    }

    public boolean active() {
        return "active".equals(state);
    }
}
