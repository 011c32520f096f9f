package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Details the second review found the sandbox had wrong (fact sheet §9): each as the platform has it.
 */
class PlatformDetailsTest {
    private static final String CHANNELS = "/api/v2/notifications/channels";

    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/analytics-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    private final String token = sandbox.token("analyst", "analyst-secret");
    @RegisterExtension
    final Sockets sockets = new Sockets(sandbox);

    private WsClient listen(String... topics) {
        JsonNode channel = sandbox.post(CHANNELS, token, "").json();
        String body = "[" + java.util.Arrays.stream(topics).map(t -> "{\"id\": \"" + t + "\"}").collect(Collectors.joining(",")) + "]";
        sandbox.put(CHANNELS + "/" + channel.get("id").asText() + "/subscriptions", token, body);
        WsClient ws = sockets.open(URI.create(channel.get("connectUri").asText()));
        await().atMost(5, TimeUnit.SECONDS).until(() -> sandbox.control("GET", "/notifications/channels", null).json()
                .findValues("connected").stream().anyMatch(JsonNode::asBoolean));
        return ws;
    }

    private static boolean topic(JsonNode frame, String topic) {
        return frame.path("topicName").asText().equals(topic);
    }

    @Test
    void aClientCredentialsTokenPastItsLimitIsToldTheClientCredentialsLimitKey() {
        sandbox.control("PATCH", "/settings", "{\"rateLimitPerMinute\": 1}");
        sandbox.get("/api/v2/tokens/me", token);

        RunningSandbox.Reply r = sandbox.get("/api/v2/tokens/me", token);

        assertThat(r.status()).isEqualTo(429);
        assertThat(r.json().path("limit").path("key").asText()).isEqualTo("client.credentials.token.rate.per.minute");
    }

    @Test
    void aWithdrawnOfferEndsTheAgentLegAsNoAnswerTransferInDetailEvents() {
        String userEnd = "v2.detail.events.conversation.c-offered.user.end";
        WsClient ws = listen(userEnd);

        sandbox.control("POST", "/conversations/c-offered/actions", "{\"action\": \"requeue\"}");

        JsonNode event = ws.awaitFrame(f -> topic(f, userEnd));
        assertThat(event.path("eventBody").path("disconnectType").asText()).isEqualTo("NO_ANSWER_TRANSFER");
    }

    @Test
    void theAfterCallWorkEventFiresWhenAfterCallWorkEndsWithTheWrapup() {
        String acw = "v2.detail.events.conversation.c-live.acw";
        String userEnd = "v2.detail.events.conversation.c-live.user.end";
        WsClient ws = listen(acw, userEnd);

        sandbox.control("POST", "/conversations/c-live/actions", "{\"action\": \"agentDisconnects\"}");
        ws.awaitFrame(f -> topic(f, userEnd));
        assertThat(ws.frames).noneMatch(f -> topic(f, acw));
        String agent = sandbox.get("/api/v2/conversations/messages/c-live", token).json().path("participants").get(3).path("id").asText();
        sandbox.advance(30);
        sandbox.patch("/api/v2/conversations/messages/c-live/participants/" + agent, token, "{\"wrapup\": {\"code\": \"Resolved\"}}");

        JsonNode event = ws.awaitFrame(f -> topic(f, acw)).path("eventBody");
        assertThat(event.path("wrapupCode").asText()).isEqualTo("Resolved");
        assertThat(event.path("wrapupDurationMs").asLong()).isEqualTo(30_000);
    }

    @Test
    void availableTopicsListsTheServedTopicsWithTheirPermissions() {
        RunningSandbox.Reply r = sandbox.get("/api/v2/notifications/availabletopics?expand=requiresPermissions", sandbox.token("plain", "plain-secret"));

        assertThat(r.status()).isEqualTo(200);
        JsonNode queueTopic = r.json().path("entities").get(0);
        assertThat(queueTopic.path("id").asText()).isEqualTo("v2.routing.queues.{id}.conversations.messages");
        assertThat(queueTopic.path("requiresPermissions").get(0).asText()).isEqualTo("routing:queue:view");
        assertThat(r.json().path("entities").findValues("id")).extracting(JsonNode::asText)
                .contains("v2.detail.events.conversation.{id}.acd.end");
    }

    @Test
    void usersMeNeedsAUserContextThatClientCredentialsLack() {
        RunningSandbox.Reply r = sandbox.get("/api/v2/users/me", token);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("message").asText()).contains("requires a user context");
    }

    @Test
    void propertyAndMetricPredicatesAreAcceptedAndJudgedByWhatTheSandboxHas() {
        Instant now = Instant.parse(sandbox.control("GET", "/clock", null).json().get("now").asText());
        String query = """
                {"interval": "%s/%s", "paging": {"pageSize": 100, "pageNumber": 1},
                 "conversationFilters": [{"type": "and", "predicates": [{"dimension": "conversationEnd", "operator": "notExists"}]}],
                 "segmentFilters": [{"type": "and", "predicates": [
                   {"type": "property", "property": "customerTier", "propertyType": "string", "operator": "%s", "value": "gold"},
                   {"type": "metric", "metric": "tSegmentDuration", "operator": "%s", "range": {"gte": 1000}}]}]}
                """;
        String interval0 = now.minusSeconds(86400).toString();
        String interval1 = now.plusSeconds(60).toString();

        RunningSandbox.Reply none = sandbox.post("/api/v2/analytics/conversations/details/query", token,
                query.formatted(interval0, interval1, "matches", "matches"));
        RunningSandbox.Reply all = sandbox.post("/api/v2/analytics/conversations/details/query", token,
                query.formatted(interval0, interval1, "notExists", "notExists"));

        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().path("totalHits").asInt()).isZero();
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().path("totalHits").asInt()).isEqualTo(4);
    }

    @Test
    void queuesArePagedAsThePlatformPagesThem() {
        StringBuilder queues = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            queues.append(i > 1 ? "," : "").append("{\"name\": \"Queue ").append(i).append("\"}");
        }
        String scenario = "{\"queues\": [" + queues + "], \"roles\": [{\"name\": \"r\", \"permissions\": [\"routing:queue:view\"]}],"
                + " \"oauthClients\": [{\"id\": \"c\", \"secret\": \"s\", \"roles\": [\"r\"]}]}";
        extension.control().loadScenario(scenario);
        String token = sandbox.token("c", "s");
        JsonNode page = sandbox.get("/api/v2/routing/queues?pageSize=2&pageNumber=3", token).json();

        assertThat(page.get("entities")).hasSize(1);
        assertThat(page.get("pageSize").asInt()).isEqualTo(2);
        assertThat(page.get("pageNumber").asInt()).isEqualTo(3);
        assertThat(page.get("total").asInt()).isEqualTo(5);
        assertThat(page.get("pageCount").asInt()).isEqualTo(3);
        assertThat(sandbox.get("/api/v2/routing/queues?name=Queue%202", token).json().get("total").asInt()).isEqualTo(1);
        String id = page.get("entities").get(0).get("id").asText();
        assertThat(sandbox.get("/api/v2/routing/queues/" + id, token).json().get("name").asText()).isEqualTo("Queue 5");
    }
}
