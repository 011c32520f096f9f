package dev.unstuck.app.service;

import dev.unstuck.app.store.ApiTokens;

import java.util.Optional;

/**
 * Turns a request's bearer credential into a {@link Caller}: one of our API tokens, or, when OIDC is
 * configured, a JWT from the configured issuer. Never logs or keeps the credential.
 */
final class Authenticator {
    private final ApiTokens tokens;
    private final Optional<OidcVerifier> oidc;

    Authenticator(ApiTokens tokens, Optional<OidcVerifier> oidc) {
        this.tokens = tokens;
        this.oidc = oidc;
    }

    /** The caller behind an {@code Authorization} header value; throws {@link ApiProblem} 401 when there is none. */
    Credential credential(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiProblem.unauthorized("this call needs 'Authorization: Bearer <token>' (create one with 'unstuck token create')");
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw ApiProblem.unauthorized("the Authorization header must be 'Bearer <token>'");
        }
        String credential = parts[1].trim();
        Optional<ApiTokens.Holder> holder = tokens.holder(credential);
        if (holder.isPresent()) {
            Role role = Role.parse(holder.get().role()).orElse(Role.VIEWER);
            return new Credential(new Caller(holder.get().name(), role, "token"), now -> tokens.holder(credential).isPresent());
        }
        if (oidc.isPresent() && credential.chars().filter(ch -> ch == '.').count() == 2) {
            return oidc.get().credential(credential);
        }
        throw ApiProblem.unauthorized("the bearer token is unknown, revoked or expired");
    }
}
