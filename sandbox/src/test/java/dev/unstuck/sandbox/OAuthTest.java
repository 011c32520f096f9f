package dev.unstuck.sandbox;

import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class OAuthTest {
    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/test-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);

    @Test
    void issuesABearerTokenForClientCredentials() {
        RunningSandbox.Reply r = sandbox.tokenRequest("operator", "operator-secret", "client_credentials");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("token_type").asText()).isEqualTo("bearer");
        assertThat(r.json().get("expires_in").asInt()).as("one second less than 24 h, as the platform answers").isEqualTo(86399);
        assertThat(r.json().get("access_token").asText()).isNotBlank();
        assertThat(sandbox.get("/api/v2/tokens/me", r.json().get("access_token").asText()).status()).isEqualTo(200);
    }

    @Test
    void aClientsOwnTokenLifetimeWins() {
        RunningSandbox.Reply r = sandbox.tokenRequest("short", "short-secret", "client_credentials");

        assertThat(r.json().get("expires_in").asInt()).isEqualTo(299);
    }

    @Test
    void unknownClientGetsInvalidClientInTheOAuthShape() {
        RunningSandbox.Reply r = sandbox.tokenRequest("nobody", "x", "client_credentials");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(r.json().get("description").asText()).isEqualTo("client not found");
        assertThat(r.json().has("error_description")).isTrue();
        assertThat(r.json().has("code")).as("never ErrorBody").isFalse();
        assertThat(r.header("ININ-Correlation-ID")).isNotBlank();
    }

    @Test
    void wrongSecretGetsAuthenticationFailed() {
        RunningSandbox.Reply r = sandbox.tokenRequest("operator", "wrong", "client_credentials");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("description").asText()).isEqualTo("authentication failed");
    }

    @Test
    void invalidClientStatusFollowsTheSetting() {
        sandbox.control("PATCH", "/settings", "{\"invalidClientStatus\": 400}");

        assertThat(sandbox.tokenRequest("operator", "wrong", "client_credentials").status()).isEqualTo(400);
    }

    @Test
    void anotherGrantTypeIsRefusedInTheOAuthShape() {
        RunningSandbox.Reply r = sandbox.tokenRequest("operator", "operator-secret", "password");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void aTokenExpiresOnTheSandboxClock() {
        String token = sandbox.token("short", "short-secret");
        sandbox.advance(299);
        assertThat(sandbox.get("/api/v2/tokens/me", token).status()).isEqualTo(200);

        sandbox.advance(1);
        RunningSandbox.Reply r = sandbox.get("/api/v2/tokens/me", token);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("code").asText()).isEqualTo("credentials.expired");
    }

    @Test
    void revokedTokensAreRefusedAndNewOnesWork() {
        String token = sandbox.operatorToken();

        RunningSandbox.Reply revoke = sandbox.control("POST", "/tokens/revoke", null);

        assertThat(revoke.json().get("revoked").asInt()).isEqualTo(1);
        RunningSandbox.Reply r = sandbox.get("/api/v2/tokens/me", token);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("code").asText()).isEqualTo("bad.credentials");
        assertThat(sandbox.get("/api/v2/tokens/me", sandbox.operatorToken()).status()).isEqualTo(200);
    }

    @Test
    void tokenInfoNamesTheClientAndItsRoleDivisions() {
        RunningSandbox.Reply r = sandbox.get("/api/v2/tokens/me", sandbox.operatorToken());

        assertThat(r.json().get("organization").get("name").asText()).isEqualTo("Test Org");
        assertThat(r.json().get("OAuthClient").get("id").asText()).isEqualTo("operator");
        assertThat(r.json().get("OAuthClient").get("authorizedGrantType").asText()).isEqualTo("CLIENT-CREDENTIALS");
        assertThat(r.json().get("OAuthClient").get("roleDivisions").get(0).get("roleId").asText()).isEqualTo("role-operator");
        assertThat(r.json().get("OAuthClient").get("roleDivisions").get(0).get("divisionId").asText()).isNotBlank();
    }

    @Test
    void theClientAndItsRoleCanBeReadButNeverTheSecret() {
        String token = sandbox.operatorToken();

        RunningSandbox.Reply client = sandbox.get("/api/v2/oauth/clients/operator", token);
        RunningSandbox.Reply role = sandbox.get("/api/v2/authorization/roles/role-operator", token);

        assertThat(client.status()).isEqualTo(200);
        assertThat(client.response().body()).doesNotContain("operator-secret");
        assertThat(client.json().get("roleDivisions").size()).isEqualTo(1);
        assertThat(role.json().get("name").asText()).isEqualTo("operator");
        assertThat(role.json().get("permissions").toString()).contains("conversation:*:*");
        assertThat(role.json().get("permissionPolicies").get(0).get("domain").asText()).isEqualTo("conversation");
        assertThat(role.json().get("permissionPolicies").get(0).get("entityName").asText()).isEqualTo("*");
        assertThat(role.json().get("permissionPolicies").get(0).get("actionSet").get(0).asText()).isEqualTo("*");
    }
}
