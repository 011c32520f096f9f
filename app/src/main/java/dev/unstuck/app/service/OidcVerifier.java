package dev.unstuck.app.service;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import dev.unstuck.app.config.Oidc;
import dev.unstuck.app.text.UserText;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks JWTs from an OIDC issuer against its JWKS (signature, issuer, audience, expiry) with Nimbus
 * JOSE+JWT, and reads the caller's role from a configured claim (a string or a list of strings: the
 * highest of viewer, operator, admin wins). A token without a known role is refused.
 */
final class OidcVerifier {
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String roleClaim;

    OidcVerifier(Oidc settings) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(URI.create(settings.jwksUrl()).toURL()).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("service.oidc.jwksUrl is not a URL: " + e.getMessage(), e);
        }
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
                        JWSAlgorithm.PS256), keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(settings.audience(),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), new HashSet<>(List.of("sub", "exp"))));
        roleClaim = settings.roleClaim();
    }

    /** The caller of a JWT, which holds until it expires. */
    Credential credential(String jwt) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (Exception e) {
            // The reason (expired, wrong issuer, bad signature) helps the caller; the token itself is never echoed.
            throw ApiProblem.unauthorized("the bearer JWT was refused: " + firstLine(e.getMessage()));
        }
        Role role = role(claims.getClaim(roleClaim)).orElseThrow(() -> ApiProblem.forbidden(
                "the JWT's '" + roleClaim + "' claim names no role of unstuck (viewer, operator, admin)"));
        Instant expires = claims.getExpirationTime().toInstant();
        return new Credential(new Caller(name(claims), role, "oidc"), now -> now.isBefore(expires));
    }

    /**
     * The caller's name in the audit and the log: the email when the issuer says it verified it, else the
     * subject; shown as {@link UserText} (a newline in a claim must not start a forged log line).
     */
    private static String name(JWTClaimsSet claims) {
        Optional<String> email = Optional.ofNullable(claims.getClaim("email")).filter(String.class::isInstance).map(String.class::cast)
                .filter(e -> Boolean.TRUE.equals(claims.getClaim("email_verified")));
        String name = email.or(() -> subject(claims)).filter(n -> !n.isBlank()).orElseThrow(() -> ApiProblem.unauthorized(
                "the bearer JWT names no subject ('sub')"));
        return UserText.shown(name, 200);
    }

    private static Optional<String> subject(JWTClaimsSet claims) {
        try {
            return Optional.ofNullable(claims.getStringClaim("sub"));
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Role> role(Object claim) {
        Collection<?> values = claim instanceof Collection<?> c ? c : claim == null ? List.of() : List.of(claim);
        return values.stream().map(v -> Role.parse(String.valueOf(v))).flatMap(Optional::stream).max(Enum::compareTo);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
