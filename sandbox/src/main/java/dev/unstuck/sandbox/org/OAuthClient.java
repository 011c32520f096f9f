package dev.unstuck.sandbox.org;

import java.util.List;
import java.util.Optional;

/**
 * An OAuth client (client credentials, or the authorization code grant with its registered redirect URIs). Its secret never leaves the sandbox in an answer. The token lifetime
 * is the client's own {@code accessTokenValiditySeconds} when set, else the org setting. Its roles are
 * granted per division ({@code roleDivisions}).
 */
public record OAuthClient(String id, String secret, String name, List<RoleDivision> roleDivisions,
                          Optional<Integer> accessTokenValiditySeconds, String grantType, String state, List<String> redirectUris) {
    public OAuthClient {
        roleDivisions = List.copyOf(roleDivisions);
        redirectUris = List.copyOf(redirectUris);
    }

    /** A client without redirect URIs (client credentials). */
    public OAuthClient(String id, String secret, String name, List<RoleDivision> roleDivisions,
                       Optional<Integer> accessTokenValiditySeconds, String grantType, String state) {
        this(id, secret, name, roleDivisions, accessTokenValiditySeconds, grantType, state, List.of());
    }

    /** A client of the authorization code grant: people sign in through it at {@code /oauth/authorize}. */
    public boolean usesAuthorizationCode() {
        return "CODE".equals(grantType);
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

    /** The same client in another state ({@code active}, {@code inactive}, {@code disabled}). */
    public OAuthClient inState(String value) {
        return new OAuthClient(id, secret, name, roleDivisions, accessTokenValiditySeconds, grantType, value, redirectUris);
    }
}
