package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Web Messaging guest side: what a guest sees when unstuck ends the conversation from the server. */
class GuestWebSocketTest {
    private static final String SCENARIO = """
            {"seed": 5,
             "roles": [{"name": "operator", "permissions": ["conversation:*:*"]}],
             "oauthClients": [{"id": "operator", "secret": "operator-secret", "roles": ["operator"]}],
             "queues": [{"id": "q-support", "name": "Support"}, {"id": "q-web", "name": "Web"}],
             "deployments": [
               {"id": "d-readonly", "name": "Read only", "conversationDisconnect": "ReadOnly", "queue": "Web"},
               {"id": "d-send", "name": "Send", "conversationDisconnect": "Send", "queue": "Web"},
               {"id": "d-off", "name": "Off", "conversationDisconnect": "Off"}
             ]}
            """;

    private final RunningSandbox sandbox = new RunningSandbox(SCENARIO);
    private final String token = sandbox.operatorToken();

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** A guest's browser: sends requests, keeps every frame it receives. */
    final class Guest implements WebSocket.Listener {
        final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        final String sessionToken = java.util.UUID.randomUUID().toString();
        private final StringBuilder partial = new StringBuilder();
        final WebSocket socket;

        Guest(String deploymentId) throws Exception {
            URI uri = URI.create(sandbox.sandbox.baseUri().toString().replace("http://", "ws://") + "/v1?deploymentId=" + deploymentId);
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this).get(5, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(parse(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private JsonNode parse(String text) {
            try {
                return RunningSandbox.JSON.readTree(text);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        JsonNode send(String json) {
            int before = frames.size();
            socket.sendText(json, true).join();
            await().atMost(Duration.ofSeconds(5)).until(() -> frames.size() > before);
            return frames.get(before);
        }

        JsonNode configure(String deploymentId) {
            return send("{\"action\":\"configureSession\",\"token\":\"" + sessionToken + "\",\"deploymentId\":\"" + deploymentId + "\"}");
        }

        JsonNode say(String text) {
            return send("{\"action\":\"onMessage\",\"token\":\"" + sessionToken + "\",\"message\":{\"type\":\"Text\",\"text\":\"" + text + "\"}}");
        }

        JsonNode awaitFrame(java.util.function.Predicate<JsonNode> which) {
            await().atMost(Duration.ofSeconds(5)).until(() -> frames.stream().anyMatch(which));
            return frames.stream().filter(which).findFirst().orElseThrow();
        }
    }

    private static boolean isDisconnect(JsonNode frame) {
        return frame.path("body").path("events").path(0).path("presence").path("type").asText().equals("Disconnect");
    }

    private String guestConversation() {
        for (JsonNode c : sandbox.control("GET", "/conversations", null).json()) {
            if (c.get("label").asText().startsWith("web-guest-") && !c.get("ended").asBoolean()) {
                return c.get("id").asText();
            }
        }
        throw new AssertionError("no open web guest conversation");
    }

    private void endCustomerLeg(String conversationId) {
        JsonNode c = sandbox.get("/api/v2/conversations/messages/" + conversationId, token).json();
        for (JsonNode p : c.get("participants")) {
            if (p.get("purpose").asText().equals("acd") && p.get("state").asText().equals("connected")) {
                sandbox.patch("/api/v2/conversations/messages/" + conversationId + "/participants/" + p.get("id").asText(), token,
                        "{\"state\":\"disconnected\"}");
            }
        }
        for (JsonNode p : c.get("participants")) {
            if (p.get("purpose").asText().equals("customer")) {
                assertThat(sandbox.patch("/api/v2/conversations/messages/" + conversationId + "/participants/" + p.get("id").asText(),
                        token, "{\"state\":\"disconnected\"}").status()).isEqualTo(202);
            }
        }
    }

    @Test
    void aGuestWhoWritesEntersTheDeploymentsQueue() throws Exception {
        Guest guest = new Guest("d-readonly");
        JsonNode session = guest.configure("d-readonly");
        assertThat(session.path("class").asText()).isEqualTo("SessionResponse");
        assertThat(session.path("body").path("connected").asBoolean()).isTrue();
        assertThat(session.path("body").path("newSession").asBoolean()).isTrue();

        JsonNode echo = guest.say("hello, anyone?");
        assertThat(echo.path("class").asText()).isEqualTo("StructuredMessage");
        assertThat(echo.path("body").path("direction").asText()).isEqualTo("Inbound");
        assertThat(echo.path("body").path("text").asText()).isEqualTo("hello, anyone?");

        String id = guestConversation();
        JsonNode control = sandbox.controlConversation(id);
        assertThat(control.get("queueId").asText()).isEqualTo("q-web");
        assertThat(control.get("waiting").asBoolean()).isTrue();
        assertThat(sandbox.queueStats("q-web").get("waiting").asInt()).isEqualTo(1);
    }

    @Test
    void endedFromTheServerTheGuestGetsPresenceDisconnectThenReadOnly409() throws Exception {
        Guest guest = new Guest("d-readonly");
        guest.configure("d-readonly");
        guest.say("I am stuck");
        String id = guestConversation();

        endCustomerLeg(id);

        JsonNode disconnect = guest.awaitFrame(GuestWebSocketTest::isDisconnect);
        assertThat(disconnect.path("body").path("type").asText()).isEqualTo("Event");
        assertThat(disconnect.path("body").path("direction").asText()).isEqualTo("Outbound");
        assertThat(disconnect.path("body").path("metadata").path("readOnly").asText()).isEqualTo("true");

        JsonNode refused = guest.say("hello?");
        assertThat(refused.path("code").asInt()).isEqualTo(409);
        assertThat(refused.path("body").asText()).isEqualTo("Session is read-only, no new messages allowed");
        assertThat(guest.configure("d-readonly").path("body").path("readOnly").asBoolean()).isTrue();
    }

    @Test
    void aReadOnlySessionContinuesOnlyAfterCloseAndStartNew() throws Exception {
        Guest guest = new Guest("d-readonly");
        guest.configure("d-readonly");
        guest.say("first");
        endCustomerLeg(guestConversation());
        guest.awaitFrame(GuestWebSocketTest::isDisconnect);

        JsonNode closed = guest.send("{\"action\":\"closeSession\",\"token\":\"" + guest.sessionToken + "\",\"closeAllConnections\":true}");
        assertThat(closed.path("body").path("connected").asBoolean()).isFalse();
        JsonNode fresh = guest.send("{\"action\":\"configureSession\",\"token\":\"" + guest.sessionToken
                + "\",\"deploymentId\":\"d-readonly\",\"startNew\":true}");
        assertThat(fresh.path("body").path("readOnly").asBoolean()).isFalse();
        assertThat(guest.say("second").path("class").asText()).isEqualTo("StructuredMessage");
    }

    @Test
    void withSendTheGuestIsToldButMayWriteAgainIntoANewConversation() throws Exception {
        Guest guest = new Guest("d-send");
        guest.configure("d-send");
        guest.say("first");
        String first = guestConversation();
        endCustomerLeg(first);

        JsonNode disconnect = guest.awaitFrame(GuestWebSocketTest::isDisconnect);
        assertThat(disconnect.path("body").has("metadata")).isFalse();
        assertThat(guest.say("again").path("class").asText()).isEqualTo("StructuredMessage");
        assertThat(guestConversation()).isNotEqualTo(first);
    }

    @Test
    void withOffTheGuestIsNotTold() throws Exception {
        Guest guest = new Guest("d-off");
        guest.configure("d-off");
        guest.say("first");
        endCustomerLeg(guestConversation());
        // A later frame proves the socket is alive and nothing came before it.
        JsonNode echo = guest.send("{\"action\":\"echo\",\"token\":\"" + guest.sessionToken + "\",\"message\":{\"type\":\"Text\",\"text\":\"ping\"}}");
        assertThat(echo.path("body").path("text").asText()).isEqualTo("ping");
        assertThat(guest.frames).noneMatch(GuestWebSocketTest::isDisconnect);
    }

    @Test
    void requestsBeforeConfigureSessionOrForAnUnknownDeploymentAreRefused() throws Exception {
        Guest guest = new Guest("d-readonly");
        assertThat(guest.say("too early").path("code").asInt()).isEqualTo(400);
        assertThat(guest.configure("d-nope").path("code").asInt()).isEqualTo(404);
        guest.configure("d-readonly");
        JsonNode jwt = guest.send("{\"action\":\"getJwt\",\"token\":\"" + guest.sessionToken + "\"}");
        assertThat(jwt.path("class").asText()).isEqualTo("JwtResponse");
        assertThat(jwt.path("body").path("exp").asLong()).isPositive();
    }
}
