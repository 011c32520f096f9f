package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The failure modes teams meet on real orgs, each reproducible, each with the platform's ErrorBody. */
class FailureModesTest {
    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/test-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);

    private static void assertErrorBody(RunningSandbox.Reply r, int status, String code) {
        assertThat(r.status()).isEqualTo(status);
        JsonNode b = r.json();
        assertThat(b.fieldNames()).toIterable().contains("message", "code", "status", "messageWithParams",
                "messageParams", "contextId", "details", "errors");
        assertThat(b.get("code").asText()).isEqualTo(code);
        assertThat(b.get("status").asInt()).isEqualTo(status);
        assertThat(b.get("contextId").asText()).isEqualTo(r.header("ININ-Correlation-ID"));
    }

    @Test
    void aRequestWithoutTokenIsAuthenticationRequired() {
        RunningSandbox.Reply r = sandbox.send(HttpRequest.newBuilder(sandbox.uri("/api/v2/conversations/messages/c-waiting")).GET());

        assertErrorBody(r, 401, "authentication.required");
    }

    @Test
    void anUnknownTokenIsBadCredentials() {
        assertErrorBody(sandbox.get("/api/v2/conversations/messages/c-waiting", "not-a-token"), 401, "bad.credentials");
    }

    @Test
    void anExpiredTokenIsCredentialsExpired() {
        String token = sandbox.token("short", "short-secret");
        sandbox.advance(301);

        assertErrorBody(sandbox.get("/api/v2/tokens/me", token), 401, "credentials.expired");
    }

    @Test
    void aMissingPermissionIsNamedInMessageParams() {
        String viewer = sandbox.token("viewer", "viewer-secret");

        RunningSandbox.Reply r = sandbox.patch("/api/v2/conversations/messages/c-waiting/participants/x", viewer,
                "{\"state\":\"disconnected\"}");

        assertErrorBody(r, 403, "missing.permissions");
        assertThat(r.json().get("messageParams").toString()).contains("conversation:communication:disconnect");
        assertThat(r.json().get("message").asText()).contains("conversation:communication:disconnect");
    }

    @Test
    void aPatchNeedingAnyOfThreePermissionsListsThemAll() {
        String viewer = sandbox.token("viewer", "viewer-secret");

        RunningSandbox.Reply r = sandbox.patch("/api/v2/conversations/c-waiting/participants/x", viewer, "{}");

        assertErrorBody(r, 403, "missing.any.permissions");
        assertThat(r.json().get("messageParams").get("permissions").asText())
                .contains("conversation:participant:wrapup", "conversation:call:record", "conversation:communication:disconnect");
    }

    @Test
    void teardownWithoutDisconnectPermissionIsForbidden() {
        String viewer = sandbox.token("viewer", "viewer-secret");

        RunningSandbox.Reply r = sandbox.post("/api/v2/conversations/c-waiting/disconnect", viewer, "");

        assertErrorBody(r, 403, "missing.permissions");
        assertThat(r.json().get("messageParams").toString()).contains("conversation:communication:disconnect");
    }

    @Test
    void readingRolesWithoutPermissionIsForbidden() {
        String viewer = sandbox.token("viewer", "viewer-secret");

        RunningSandbox.Reply r = sandbox.get("/api/v2/authorization/roles/role-viewer", viewer);

        assertErrorBody(r, 403, "missing.permissions");
        assertThat(r.json().get("messageParams").toString()).contains("authorization:role:view");
    }

    @Test
    void anUnknownConversationIsNotFound() {
        String token = sandbox.operatorToken();

        assertErrorBody(sandbox.get("/api/v2/conversations/messages/" + UUID.randomUUID(), token), 404, "not.found");
        assertErrorBody(sandbox.get("/api/v2/conversations/" + UUID.randomUUID(), token), 404, "not.found");
        assertErrorBody(sandbox.post("/api/v2/conversations/" + UUID.randomUUID() + "/disconnect", token, ""), 404, "not.found");
    }

    @Test
    void anUnknownParticipantAndAnUnknownPathAreNotFound() {
        String token = sandbox.operatorToken();

        assertErrorBody(sandbox.patch("/api/v2/conversations/messages/c-waiting/participants/nobody", token,
                "{\"state\":\"disconnected\"}"), 404, "not.found");
        assertErrorBody(sandbox.get("/api/v2/no/such/thing", token), 404, "not.found");
    }

    private String participantId(String conversationId, String purpose, String state) {
        JsonNode c = sandbox.get("/api/v2/conversations/messages/" + conversationId, sandbox.operatorToken()).json();
        for (JsonNode p : c.get("participants")) {
            if (p.get("purpose").asText().equals(purpose) && p.get("state").asText().equals(state)) {
                return p.get("id").asText();
            }
        }
        throw new AssertionError("no " + purpose + " " + state + " in " + c);
    }

    @Test
    void patchingAParticipantPendingWrapupConflicts() {
        String agent = participantId("c-acw", "agent", "disconnected");

        RunningSandbox.Reply r = sandbox.patch("/api/v2/conversations/messages/c-acw/participants/" + agent,
                sandbox.operatorToken(), "{\"state\":\"disconnected\"}");

        assertErrorBody(r, 409, "general.conflict");
        assertThat(r.json().get("message").asText()).contains("pending wrap-up");
    }

    @Test
    void patchingAnEndedParticipantConflictsWithTheConfiguredCode() {
        sandbox.control("PATCH", "/settings", "{\"conflictCode\": \"general.resource.conflict\"}");
        String flow = participantId("c-waiting", "workflow", "disconnected");

        RunningSandbox.Reply r = sandbox.patch("/api/v2/conversations/c-waiting/participants/" + flow,
                sandbox.operatorToken(), "{\"state\":\"disconnected\"}");

        assertErrorBody(r, 409, "general.resource.conflict");
        assertThat(r.json().get("message").asText()).contains("already ended");
    }

    @Test
    void closedAndOfflineAreInvalidValuesListingTheAllowedStates() {
        String customer = participantId("c-waiting", "customer", "connected");
        for (String bad : List.of("closed", "offline", "ended")) {
            RunningSandbox.Reply r = sandbox.patch("/api/v2/conversations/messages/c-waiting/participants/" + customer,
                    sandbox.operatorToken(), "{\"state\":\"" + bad + "\"}");

            assertErrorBody(r, 400, "invalid.value");
            assertThat(r.json().get("message").asText()).contains("[" + bad + "]").contains("connected")
                    .contains("disconnected");
            assertThat(r.json().get("messageParams").get("value").asText()).isEqualTo(bad);
        }
        assertThat(sandbox.controlConversation("c-waiting").get("participants").get(0).get("state").asText())
                .isEqualTo("connected");
    }

    @Test
    void aConversationPatchAcceptsOnlyDisconnected() {
        RunningSandbox.Reply r = sandbox.patch("/api/v2/conversations/messages/c-waiting", sandbox.operatorToken(),
                "{\"state\":\"closed\"}");

        assertErrorBody(r, 400, "invalid.value");
    }

    @Test
    void aRefusedRequestCountsAgainstTheRateLimitAndSaysSo() {
        String token = sandbox.operatorToken();
        sandbox.get("/api/v2/conversations/messages/c-waiting", token);

        RunningSandbox.Reply r = sandbox.get("/api/v2/conversations/messages/no-such-conversation", token);

        assertErrorBody(r, 404, "not.found");
        assertThat(r.header("inin-ratelimit-count")).isEqualTo("2");
    }

    @Test
    void pastTheRateLimitAnswers429WithRetryAfterUntilTheWindowPasses() {
        sandbox.control("PATCH", "/settings", "{\"rateLimitPerMinute\": 3, \"resourceRateLimitPercent\": 100}");
        String token = sandbox.operatorToken();
        sandbox.advance(10);
        for (int i = 1; i <= 3; i++) {
            RunningSandbox.Reply ok = sandbox.get("/api/v2/tokens/me", token);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("inin-ratelimit-count")).isEqualTo(Integer.toString(i));
        }

        RunningSandbox.Reply r = sandbox.get("/api/v2/tokens/me", token);

        assertErrorBody(r, 429, "too.many.requests.retry.after");
        assertThat(r.header("Retry-After")).isEqualTo("60");
        assertThat(r.header("inin-ratelimit-allowed")).isEqualTo("3");
        assertThat(r.header("inin-ratelimit-count")).isEqualTo("4");
        assertThat(r.header("inin-ratelimit-reset")).isEqualTo("60");
        assertThat(r.json().get("message").asText()).contains("60");

        sandbox.advance(30);
        assertThat(sandbox.get("/api/v2/tokens/me", token).header("Retry-After")).isEqualTo("30");
        sandbox.advance(30);
        assertThat(sandbox.get("/api/v2/tokens/me", token).status()).isEqualTo(200);
    }

    @Test
    void theRateLimitIsPerToken() {
        sandbox.control("PATCH", "/settings", "{\"rateLimitPerMinute\": 1}");
        String first = sandbox.operatorToken();
        sandbox.get("/api/v2/tokens/me", first);
        assertThat(sandbox.get("/api/v2/tokens/me", first).status()).isEqualTo(429);

        assertThat(sandbox.get("/api/v2/tokens/me", sandbox.operatorToken()).status()).isEqualTo(200);
    }

    @Test
    void everyAnswerCarriesACorrelationIdIncludingErrorsAndTheControlApi() {
        String token = sandbox.operatorToken();
        List<RunningSandbox.Reply> replies = new ArrayList<>();
        replies.add(sandbox.get("/api/v2/conversations/messages/c-waiting", token));
        replies.add(sandbox.get("/api/v2/conversations/messages/nope", token));
        replies.add(sandbox.get("/api/v2/tokens/me", "bad"));
        replies.add(sandbox.tokenRequest("nobody", "x", "client_credentials"));
        replies.add(sandbox.control("GET", "/clock", null));
        replies.add(sandbox.control("GET", "/nothing-here", null));
        replies.add(sandbox.send(HttpRequest.newBuilder(sandbox.uri("/elsewhere")).GET()));

        List<String> ids = replies.stream().map(r -> r.header("ININ-Correlation-ID")).toList();
        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
        ids.forEach(id -> assertThat(UUID.fromString(id)).isNotNull());
    }

    @Test
    void theUserConversationListNeedsAUserContext() {
        assertErrorBody(sandbox.get("/api/v2/conversations/messages", sandbox.operatorToken()), 400, "bad.request");
    }
}
