package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GuestSideTest {

    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/analytics-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    /** A guest of this test alone: the sandbox keeps a guest's session across scenario loads. */
    private final String guestToken = UUID.randomUUID().toString();
    @RegisterExtension
    final Sockets sockets = new Sockets(sandbox);

    private WsClient guest(String deploymentId) {
        WsClient ws = sockets.open(URI.create(sandbox.baseUri().toString().replace("http", "ws") + "/v1?deploymentId=" + deploymentId));
        return ws;
    }

    private static Predicate<JsonNode> classed(String className) {
        return f -> f.path("class").asText().equals(className);
    }

    private String configure(boolean startNew) {
        return "{\"action\":\"configureSession\",\"token\":\"" + guestToken + "\",\"deploymentId\":\"d-web\"" + (startNew ? ",\"startNew\":true" : "") + "}";
    }

    private String message(String text) {
        return "{\"action\":\"onMessage\",\"token\":\"" + guestToken + "\",\"message\":{\"type\":\"Text\",\"text\":\"" + text + "\"}}";
    }

    private JsonNode guestConversation() {
        await().atMost(5, TimeUnit.SECONDS).until(() -> findGuest() != null);
        return findGuest();
    }

    private JsonNode findGuest() {
        for (JsonNode c : sandbox.control("GET", "/conversations", null).json()) {
            if (c.get("label").asText().startsWith("web-guest-") && !c.get("ended").asBoolean()) {
                return c;
            }
        }
        return null;
    }

    @Test
    void aGuestWhoWritesIsQueuedAndIsToldWhenTheServerEndsTheConversationThenIsReadOnly() {
        WsClient ws = guest("d-web");
        ws.send(configure(false));
        JsonNode session = ws.awaitFrame(classed("SessionResponse"));
        assertThat(session.get("code").asInt()).isEqualTo(200);
        assertThat(session.get("body").get("connected").asBoolean()).isTrue();
        assertThat(session.get("body").get("newSession").asBoolean()).isTrue();

        ws.send(message("hello, anyone there?"));
        JsonNode echoed = ws.awaitFrame(classed("StructuredMessage"));
        assertThat(echoed.get("body").get("direction").asText()).isEqualTo("Inbound");
        assertThat(echoed.get("body").get("text").asText()).isEqualTo("hello, anyone there?");

        JsonNode queued = guestConversation();
        assertThat(queued.get("queueId").asText()).isEqualTo("q-support");
        assertThat(queued.get("waiting").asBoolean()).isTrue();

        String operator = sandbox.token("analyst", "analyst-secret");
        assertThat(sandbox.post("/api/v2/conversations/" + queued.get("id").asText() + "/disconnect", operator, "").status()).isEqualTo(202);

        JsonNode disconnect = ws.awaitFrame(f -> f.path("body").path("type").asText().equals("Event"));
        assertThat(disconnect.get("type").asText()).isEqualTo("message");
        assertThat(disconnect.get("body").get("direction").asText()).isEqualTo("Outbound");
        assertThat(disconnect.get("body").get("events").get(0).get("eventType").asText()).isEqualTo("Presence");
        assertThat(disconnect.get("body").get("events").get(0).get("presence").get("type").asText()).isEqualTo("Disconnect");
        assertThat(disconnect.get("body").get("metadata").get("readOnly").asText()).isEqualTo("true");

        ws.send(message("hello again"));
        JsonNode refused = ws.awaitFrame(f -> f.path("code").asInt() == 409);
        assertThat(refused.get("class").asText()).isEqualTo("string");
        assertThat(refused.get("body").asText()).isEqualTo("Session is read-only, no new messages allowed");
    }

    @Test
    void aReadOnlySessionSaysSoOnReconnectAndStartNewOpensAFreshOne() {
        WsClient first = guest("d-web");
        first.send(configure(false));
        first.awaitFrame(classed("SessionResponse"));
        first.send(message("hi"));
        String id = guestConversation().get("id").asText();
        sandbox.patch("/api/v2/conversations/messages/" + id, sandbox.token("analyst", "analyst-secret"), "{\"state\":\"disconnected\"}");
        first.awaitFrame(f -> f.path("body").path("type").asText().equals("Event"));

        WsClient second = guest("d-web");
        second.send(configure(false));
        assertThat(second.awaitFrame(classed("SessionResponse")).get("body").get("readOnly").asBoolean()).isTrue();

        WsClient third = guest("d-web");
        third.send(configure(true));
        JsonNode fresh = third.awaitFrame(classed("SessionResponse"));
        assertThat(fresh.get("body").has("readOnly")).isFalse();
        third.send(message("new question"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> findGuest() != null && !findGuest().get("id").asText().equals(id));
    }

    @Test
    void sendModeTellsTheGuestWithoutReadOnlyAndUsesTheDeploymentsQueue() {
        WsClient ws = guest("d-send");
        ws.send("{\"action\":\"configureSession\",\"token\":\"" + guestToken + "\",\"deploymentId\":\"d-send\"}");
        ws.awaitFrame(classed("SessionResponse"));
        ws.send(message("billing question"));
        JsonNode queued = guestConversation();
        assertThat(queued.get("queueId").asText()).isEqualTo("q-billing");

        sandbox.post("/api/v2/conversations/" + queued.get("id").asText() + "/disconnect", sandbox.token("analyst", "analyst-secret"), "");

        JsonNode disconnect = ws.awaitFrame(f -> f.path("body").path("type").asText().equals("Event"));
        assertThat(disconnect.get("body").has("metadata")).isFalse();
        ws.send(message("one more thing"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> findGuest() != null);
        assertThat(ws.frames).noneMatch(f -> f.path("code").asInt() == 409);
    }

    @Test
    void echoJwtAndCloseSession() {
        WsClient ws = guest("d-web");
        WsClient other = guest("d-web");
        ws.send(configure(false));
        ws.awaitFrame(classed("SessionResponse"));
        other.send(configure(false));
        other.awaitFrame(classed("SessionResponse"));

        ws.send("{\"action\":\"echo\",\"token\":\"" + guestToken + "\",\"message\":{\"type\":\"Text\",\"text\":\"ping\"}}");
        assertThat(ws.awaitFrame(f -> f.path("type").asText().equals("response") && f.path("class").asText().equals("StructuredMessage"))
                .get("body").get("text").asText()).isEqualTo("ping");
        ws.send("{\"action\":\"getJwt\",\"token\":\"" + guestToken + "\"}");
        JsonNode jwt = ws.awaitFrame(classed("JwtResponse")).get("body");
        assertThat(jwt.get("jwt").asText().split("\\.")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(jwt.get("exp").asLong()).isPositive();

        ws.send("{\"action\":\"closeSession\",\"token\":\"" + guestToken + "\",\"closeAllConnections\":true}");
        other.awaitFrame(classed("ConnectionClosedEvent"));
        ws.awaitFrame(f -> f.path("class").asText().equals("SessionResponse") && !f.path("body").path("connected").asBoolean(true));
    }

    @Test
    void theControlApiListsDeploymentsWithTheQueueTheirGuestsEnter() {
        JsonNode deployments = sandbox.control("GET", "/deployments", null).json();

        assertThat(deployments.findValuesAsText("id")).containsExactly("d-web", "d-send");
        assertThat(deployments.get(0).get("queueId").asText()).isEqualTo("q-support");
        assertThat(deployments.get(1).get("queueId").asText()).isEqualTo("q-billing");
        assertThat(deployments.get(1).get("conversationDisconnect").asText()).isEqualTo("Send");
    }

    @Test
    void anUnknownSessionOrDeploymentIsAnError() {
        WsClient ws = guest("d-web");
        ws.send(message("no session yet"));
        assertThat(ws.awaitFrame(f -> f.path("code").asInt() == 4007).get("class").asText()).isEqualTo("string");

        WsClient nowhere = guest("d-nowhere");
        nowhere.awaitFrame(f -> f.path("code").asInt() == 400);
    }
}
