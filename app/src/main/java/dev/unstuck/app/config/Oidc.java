package dev.unstuck.app.config;

import java.util.Objects;

/**
 * OIDC for {@code unstuck serve}: JWTs of this issuer are accepted besides API tokens, checked against its
 * JWKS and {@code audience}, the caller's role read from {@code roleClaim}. The one record of it: the
 * config file's {@code service.oidc} section (defaults filled in), the flags of {@code serve} over it, and
 * what the service's verifier checks.
 */
public record Oidc(String issuer, String jwksUrl, String audience, String roleClaim) {

    public static final String DEFAULT_AUDIENCE = "unstuck";
    public static final String DEFAULT_ROLE_CLAIM = "unstuck_role";

    public Oidc {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(roleClaim, "roleClaim");
    }

    public Oidc withAudience(String value) {
        return new Oidc(issuer, jwksUrl, value, roleClaim);
    }

    public Oidc withRoleClaim(String value) {
        return new Oidc(issuer, jwksUrl, audience, value);
    }
}
