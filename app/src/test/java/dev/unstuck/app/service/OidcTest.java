package dev.unstuck.app.service;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.unstuck.app.config.Oidc;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditLocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** OIDC sign-in: JWTs checked against a JWKS served in the test, the role from the configured claim. */
class OidcTest {
    static final String ISSUER = "https://login.example.test/";

    @TempDir
    Path home;

    HttpServer jwks;
    RSAKey key;
    RSAKey stranger;
    Service service;
    AuditDatabase db;
    ServiceFixture.Answer last;

    @BeforeEach
    void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        db = AuditDatabase.open(AuditLocation.parse(home.resolve("audit.db").toString()));
        service = Service.start(Service.Settings.defaults().withPort(0).withHost("127.0.0.1").withWatch(false,
                        dev.unstuck.core.detect.Watch.Settings.defaults())
                        .withOidc(Optional.of(new Oidc(ISSUER, "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json",
                                "unstuck", "groups"))),
                List.of(), Service.Policies.defaults(), db, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        service.close();
        db.close();
        jwks.stop(0);
    }

    private String jwt(RSAKey signer, String audience, Object groups, Instant expires) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("alice").audience(audience)
                .claim("email", "alice@example.com").expirationTime(Date.from(expires)).issueTime(new Date());
        if (groups != null) {
            claims.claim("groups", groups);
        }
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT).build(), claims.build());
        token.sign(new RSASSASigner(signer));
        return token.serialize();
    }

    private int status(String bearer) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + service.port() + "/api/v1/tokens"))
                .header("Authorization", "Bearer " + bearer).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    @Test
    void acceptsAJwtOfTheIssuerAndTakesTheHighestRoleFromTheClaim() throws Exception {
        Instant later = Instant.now().plusSeconds(600);

        assertThat(status(jwt(key, "unstuck", List.of("staff", "viewer", "admin"), later))).isEqualTo(200);
        assertThat(status(jwt(key, "unstuck", "operator", later))).as("tokens need admin").isEqualTo(403);
    }

    @Test
    void refusesForgedExpiredOrMisaddressedJwtsAndOnesWithoutARole() throws Exception {
        Instant later = Instant.now().plusSeconds(600);

        assertThat(status(jwt(stranger, "unstuck", "admin", later))).as("signed by another key").isEqualTo(401);
        assertThat(status(jwt(key, "unstuck", "admin", Instant.now().minusSeconds(600)))).as("expired").isEqualTo(401);
        assertThat(status(jwt(key, "billing", "admin", later))).as("another audience").isEqualTo(401);
        assertThat(status(jwt(key, "unstuck", null, later))).as("no role").isEqualTo(403);
        assertThat(status(jwt(key, "unstuck", Map.of("role", "admin"), later))).as("no role of ours").isEqualTo(403);
    }

    private String signed(String claims) throws Exception {
        com.nimbusds.jose.JWSObject token = new com.nimbusds.jose.JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
                .type(JOSEObjectType.JWT).build(), new com.nimbusds.jose.Payload(claims));
        token.sign(new RSASSASigner(key));
        return token.serialize();
    }

    private String claims(String more) {
        return "{\"iss\":\"" + ISSUER + "\",\"aud\":\"unstuck\",\"exp\":" + Instant.now().plusSeconds(600).getEpochSecond()
                + ",\"groups\":\"viewer\"" + more + "}";
    }

    private ServiceFixture.Answer me(String bearer) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + service.port() + "/api/v1/me"))
                .header("Authorization", "Bearer " + bearer).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return new ServiceFixture.Answer(response.statusCode(), response.body(), Optional.empty());
    }

    @Test
    void refusesAJwtWithoutASubjectAsUnauthorizedNotAsAnInternalError() throws Exception {
        ServiceFixture.Answer answer = me(signed(claims(",\"sub\":null")));

        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertThat(answer.json().path("code").asText()).isEqualTo("not.authorized");
    }

    @Test
    void namesTheCallerByAnEmailOnlyWhenVerifiedAndNeverWithALineBreak() throws Exception {
        ServiceFixture.Answer unverified = me(signed(claims(",\"sub\":\"alice\",\"email\":\"root@example.com\"")));
        ServiceFixture.Answer forged = me(signed(claims(",\"sub\":\"alice\",\"email_verified\":true,"
                + "\"email\":\"bob@example.com\\n12:00:00.000 INFO unstuck.serve - forged\"")));

        assertThat(unverified.json().path("name").asText()).isEqualTo("alice");
        assertThat(forged.status()).isEqualTo(200);
        assertThat(forged.json().path("name").asText()).startsWith("bob@example.com").doesNotContain("\n").doesNotContain("\r");
    }
}
