package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's limits beyond the per-token one: per route, per namespace ({@code analytics},
 * {@code notifications}) and on the token endpoint ({@code auth.api}); the headers name the bucket that
 * binds. A per-token limit of 10 makes each resource limit 6 (60%, as 180 is of 300).
 */
class RateLimitsTest {
    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/test-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);

    private static final String CONVERSATION = "/api/v2/conversations/messages/c-waiting";
    private static final String OBSERVATIONS = "/api/v2/analytics/queues/observations/query";
    private static final String OBSERVE_SUPPORT = "{\"filter\":{\"type\":\"or\",\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"q-support\"}]},"
            + "\"metrics\":[\"oWaiting\"]}";

    @Test
    void byDefaultTheTokenEndpointAllowsWhatAResourceAllows() {
        RunningSandbox.Reply issued = sandbox.tokenRequest("operator", "operator-secret", "client_credentials");

        assertThat(issued.header("inin-ratelimit-allowed")).isEqualTo("180");
    }

    private String limitedToken() {
        sandbox.control("PATCH", "/settings", "{\"rateLimitPerMinute\": 10}");
        return sandbox.operatorToken();
    }

    @Test
    void byDefaultARouteAllowsWhatTheObservedHeaderShowed() {
        sandbox.control("PATCH", "/settings", "{\"rateLimitPerMinute\": 300}");

        RunningSandbox.Reply first = sandbox.get(CONVERSATION, sandbox.operatorToken());

        assertThat(first.header("inin-ratelimit-allowed")).isEqualTo("180");
        assertThat(first.header("inin-ratelimit-count")).isEqualTo("1");
        assertThat(first.header("inin-ratelimit-reset")).isEqualTo("60");
        assertThat(sandbox.control("GET", "/settings", null).json().get("resourceRateLimitPercent").asInt()).isEqualTo(60);
    }

    @Test
    void oneRoutePastItsLimitIs429NamingTheRouteLimitWhileOtherRoutesStillAnswer() {
        String token = limitedToken();
        for (int i = 1; i <= 6; i++) {
            assertThat(sandbox.get(CONVERSATION, token).status()).isEqualTo(200);
        }

        RunningSandbox.Reply refused = sandbox.get(CONVERSATION, token);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("code").asText()).isEqualTo("too.many.requests.retry.after");
        assertThat(refused.json().get("limit").get("key").asText()).isEqualTo("resource.rate.per.minute");
        assertThat(refused.json().get("limit").get("namespace").asText()).isEqualTo("conversation");
        assertThat(refused.json().get("limit").get("value").asInt()).isEqualTo(6);
        assertThat(refused.header("inin-ratelimit-allowed")).isEqualTo("6");
        assertThat(refused.header("inin-ratelimit-count")).isEqualTo("7");
        assertThat(refused.header("Retry-After")).isEqualTo(refused.header("inin-ratelimit-reset"));
        assertThat(sandbox.get("/api/v2/conversations/messages/c-looping", token).status())
                .as("another conversation is the same route").isEqualTo(429);
        assertThat(sandbox.get("/api/v2/tokens/me", token).status()).as("another route").isEqualTo(200);
    }

    @Test
    void theHeadersNameTheBucketWithTheFewestRequestsLeft() {
        String token = limitedToken();
        assertThat(sandbox.get(CONVERSATION, token).header("inin-ratelimit-allowed")).as("route: 5 of 6 left, token: 9 of 10")
                .isEqualTo("6");
        for (int i = 0; i < 5; i++) {
            sandbox.get("/api/v2/tokens/me", token);
            sandbox.get("/api/v2/routing/queues", token);
        }
        assertThat(sandbox.control("GET", "/settings", null).status()).isEqualTo(200);

        RunningSandbox.Reply last = sandbox.get("/api/v2/authorization/divisions", token);

        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("inin-ratelimit-allowed")).as("the token's 10 binds now").isEqualTo("10");
        assertThat(last.json().get("limit").get("key").asText()).isEqualTo("client.credentials.token.rate.per.minute");
    }

    @Test
    void theAnalyticsNamespaceIsLimitedAcrossItsRoutes() {
        String token = limitedToken();
        for (int i = 0; i < 3; i++) {
            // The operator lacks the analytics permissions: a 403 counts as much as a 200 (limits come first).
            assertThat(sandbox.post(OBSERVATIONS, token, OBSERVE_SUPPORT).status()).isEqualTo(403);
            assertThat(sandbox.get("/api/v2/analytics/conversations/c-waiting/details", token).status()).isEqualTo(403);
        }

        RunningSandbox.Reply refused = sandbox.get("/api/v2/analytics/conversations/details/jobs/availability", token);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("limit").get("namespace").asText()).isEqualTo("analytics");
        assertThat(refused.json().get("limit").get("key").asText()).isEqualTo("namespace.rate.per.minute");
    }

    @Test
    void theTokenEndpointIsLimitedPerClientInTheAuthNamespace() {
        sandbox.control("PATCH", "/settings", "{\"tokenRateLimitPerMinute\": 6}");
        for (int i = 1; i <= 6; i++) {
            RunningSandbox.Reply issued = sandbox.tokenRequest("operator", "operator-secret", "client_credentials");
            assertThat(issued.status()).isEqualTo(200);
            assertThat(issued.header("inin-ratelimit-count")).isEqualTo(Integer.toString(i));
        }

        RunningSandbox.Reply refused = sandbox.tokenRequest("operator", "operator-secret", "client_credentials");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("60");
        assertThat(refused.json().get("limit").get("namespace").asText()).isEqualTo("auth.api");
        assertThat(sandbox.tokenRequest("viewer", "viewer-secret", "client_credentials").status()).as("another client").isEqualTo(200);
        sandbox.advance(60);
        assertThat(sandbox.tokenRequest("operator", "operator-secret", "client_credentials").status()).isEqualTo(200);
    }

    @Test
    void kinderResourceLimitsAreASettingATestAsksFor() {
        sandbox.control("PATCH", "/settings", "{\"rateLimitPerMinute\": 10, \"resourceRateLimitPercent\": 100}");
        String token = sandbox.operatorToken();
        for (int i = 0; i < 10; i++) {
            assertThat(sandbox.get(CONVERSATION, token).status()).isEqualTo(200);
        }

        assertThat(sandbox.get(CONVERSATION, token).json().get("limit").get("key").asText())
                .isEqualTo("client.credentials.token.rate.per.minute");
    }

    @Test
    void deletingTheOwnTokenRevokesItAndHeadTellsWhetherATokenIsValid() {
        String token = sandbox.operatorToken();
        assertThat(head(token)).isEqualTo(200);

        RunningSandbox.Reply deleted = sandbox.delete("/api/v2/tokens/me", token);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(head(token)).isEqualTo(401);
        JsonNode refused = sandbox.get("/api/v2/tokens/me", token).json();
        assertThat(refused.get("code").asText()).isEqualTo("bad.credentials");
        assertThat(head(sandbox.operatorToken())).as("other tokens of the client live on").isEqualTo(200);
    }

    @Test
    void headIsRefusedOnceTheTokenExpired() {
        String token = sandbox.token("short", "short-secret");
        sandbox.advance(300);

        assertThat(head(token)).isEqualTo(401);
    }

    private int head(String token) {
        return sandbox.send(HttpRequest.newBuilder(sandbox.uri("/api/v2/tokens/me")).header("Authorization", "Bearer " + token)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).status();
    }
}
