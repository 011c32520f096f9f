package dev.unstuck.sandbox.org;

import java.util.List;
import java.util.Optional;

/**
 * A client-credentials OAuth client. Its secret never leaves the sandbox in an answer. The token lifetime
 * is the client's own {@code accessTokenValiditySeconds} when set, else the org setting.
 */
public record OAuthClient(String id, String secret, String name, List<String> roleIds,
                          Optional<Integer> accessTokenValiditySeconds, String grantType, String state) {
    public OAuthClient {
        roleIds = List.copyOf(roleIds);
    }

    public boolean usesClientCredentials() {
        return "CLIENT-CREDENTIALS".equals(grantType);
    }

    public boolean active() {
        return "active".equals(state);
    }
}
