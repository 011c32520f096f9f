package dev.unstuck.sandbox;

import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator disabling and enabling an OAuth client, and taking a permission from a role and giving it back. */
class ClientAndRoleEditsTest {
    private static final String CONVERSATION = "/api/v2/conversations/c-waiting";
    private static final String VIEW = "conversation:communication:view";

    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/test-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);

    @Test
    void aDisabledClientGetsNoTokenAndTheTokensItHadAreRevokedForGood() {
        String before = sandbox.token("operator", "operator-secret");

        RunningSandbox.Reply disabled = sandbox.control("PATCH", "/clients/operator", "{\"state\": \"inactive\"}");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().path("revokedTokens").asInt()).isEqualTo(1);
        assertThat(sandbox.get("/api/v2/tokens/me", before).status()).isEqualTo(401);
        RunningSandbox.Reply refused = sandbox.tokenRequest("operator", "operator-secret", "client_credentials");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).isEqualTo("unauthorized_client");

        sandbox.control("PATCH", "/clients/operator", "{\"state\": \"active\"}");

        String after = sandbox.token("operator", "operator-secret");
        assertThat(sandbox.get("/api/v2/tokens/me", after).status()).isEqualTo(200);
        assertThat(sandbox.get("/api/v2/tokens/me", before).status()).as("enabling gives no revoked token back").isEqualTo(401);
    }

    @Test
    void aPermissionTakenFromARoleIsRefusedFiveMinutesLaterAndHeldAgainFiveMinutesAfterItIsGivenBack() {
        String token = sandbox.token("viewer", "viewer-secret");
        assertThat(sandbox.get(CONVERSATION, token).status()).isEqualTo(200);

        RunningSandbox.Reply taken = sandbox.control("PATCH", "/roles/viewer", "{\"take\": [\"" + VIEW + "\"]}");
        assertThat(Duration.between(sandbox.now(), Instant.parse(taken.json().path("effectiveAt").asText()))).isEqualTo(Duration.ofMinutes(5));
        sandbox.advance(299);
        assertThat(sandbox.get(CONVERSATION, token).status()).as("not yet through Genesys").isEqualTo(200);
        sandbox.advance(1);
        RunningSandbox.Reply refused = sandbox.get(CONVERSATION, token);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("code").asText()).isEqualTo("missing.permissions");

        sandbox.control("PATCH", "/roles/role-viewer", "{\"give\": [\"" + VIEW + "\"]}");
        sandbox.advance(299);
        assertThat(sandbox.get(CONVERSATION, token).status()).isEqualTo(403);
        sandbox.advance(1);
        assertThat(sandbox.get(CONVERSATION, token).status()).as("a token issued before the edit holds it too").isEqualTo(200);
    }

    @Test
    void withTokenGrantsAtIssueAnEditReachesOnlyTheTokensIssuedAfterIt() {
        sandbox.control("PATCH", "/settings", "{\"permissionChangeDelaySeconds\": 0, \"tokenGrants\": \"atIssue\"}");
        String before = sandbox.token("viewer", "viewer-secret");

        sandbox.control("PATCH", "/roles/viewer", "{\"take\": [\"" + VIEW + "\"]}");

        assertThat(sandbox.get(CONVERSATION, before).status()).isEqualTo(200);
        assertThat(sandbox.get(CONVERSATION, sandbox.token("viewer", "viewer-secret")).status()).isEqualTo(403);
    }

    @Test
    void theDelayIsASettingAndABadEditIsRefusedWithTheReason() {
        sandbox.control("PATCH", "/settings", "{\"permissionChangeDelaySeconds\": 0}");
        String token = sandbox.token("viewer", "viewer-secret");

        sandbox.control("PATCH", "/roles/viewer", "{\"take\": [\"" + VIEW + "\"]}");
        assertThat(sandbox.get(CONVERSATION, token).status()).isEqualTo(403);

        assertThat(sandbox.control("PATCH", "/roles/viewer", "{\"take\": [\"not a permission\"]}").status()).isEqualTo(400);
        assertThat(sandbox.control("PATCH", "/roles/nobody", "{\"give\": [\"" + VIEW + "\"]}").status()).isEqualTo(404);
        assertThat(sandbox.control("PATCH", "/clients/operator", "{\"state\": \"asleep\"}").json().path("message").asText())
                .isEqualTo("state must be one of active, inactive, disabled");
    }
}
