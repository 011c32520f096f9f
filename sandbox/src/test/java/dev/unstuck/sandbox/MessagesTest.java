package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The messages of a conversation as the API shows them ({@code MessageDetails} under each participant):
 * the guest's on the customer leg, agents' replies on the agent leg.
 */
class MessagesTest {
    private static final String MESSAGES = "/api/v2/conversations/messages/";

    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/analytics-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    private final String token = sandbox.token("analyst", "analyst-secret");
    @RegisterExtension
    final Sockets sockets = new Sockets(sandbox);

    private JsonNode leg(String conversationId, String purpose) {
        for (JsonNode p : sandbox.get(MESSAGES + conversationId, token).json().get("participants")) {
            if (p.get("purpose").asText().equals(purpose)) {
                return p;
            }
        }
        throw new AssertionError("no " + purpose + " leg in " + conversationId);
    }

    @Test
    void aConversationBeginsWithTheGuestsFirstMessageOnTheCustomerLeg() {
        JsonNode customer = leg("c-waiting", "customer");

        assertThat(customer.get("messages")).hasSize(1);
        JsonNode first = customer.get("messages").get(0);
        assertThat(first.get("messageId").asText()).isNotBlank();
        assertThat(first.get("messageURI").asText()).isEqualTo(MESSAGES + "c-waiting/messages/" + first.get("messageId").asText());
        assertThat(first.get("messageStatus").asText()).isEqualTo("received");
        assertThat(first.get("messageSegmentCount").asInt()).isEqualTo(1);
        assertThat(first.get("messageTime").asText()).isEqualTo(customer.get("startTime").asText());
        assertThat(first.get("media")).isEmpty();
        assertThat(first.get("stickers")).isEmpty();
        assertThat(leg("c-waiting", "acd").get("messages")).isEmpty();
    }

    @Test
    void theGuestsLaterMessagesAndTheAgentsRepliesAreListedOnTheirLegs() {
        sandbox.advance(600);
        assertThat(sandbox.control("POST", "/conversations/c-live/actions", "{\"action\": \"customerWrites\"}").status()).isEqualTo(200);
        sandbox.advance(30);
        assertThat(sandbox.control("POST", "/conversations/c-live/actions", "{\"action\": \"agentReplies\"}").status()).isEqualTo(200);
        String now = sandbox.control("GET", "/clock", null).json().get("now").asText();

        JsonNode guest = leg("c-live", "customer").get("messages");
        JsonNode agent = leg("c-live", "agent").get("messages");
        assertThat(guest).hasSize(2);
        assertThat(guest.get(1).get("messageStatus").asText()).isEqualTo("received");
        assertThat(java.time.Instant.parse(guest.get(1).get("messageTime").asText()))
                .isEqualTo(java.time.Instant.parse(now).minusSeconds(30));
        assertThat(agent).hasSize(1);
        assertThat(agent.get(0).get("messageStatus").asText()).isEqualTo("sent");
        assertThat(java.time.Instant.parse(agent.get(0).get("messageTime").asText())).isEqualTo(java.time.Instant.parse(now));

        // The conversation API keeps them under the leg's message communication.
        JsonNode generic = sandbox.get("/api/v2/conversations/c-live", token).json().get("participants").get(0);
        assertThat(generic.get("messages").get(0).get("messages")).hasSize(2);
    }

    @Test
    void anAgentReplyNeedsAConnectedAgentAndAGuestMessageAGuestWhoIsThere() {
        assertThat(sandbox.control("POST", "/conversations/c-waiting/actions", "{\"action\": \"agentReplies\"}").status()).isEqualTo(409);
        assertThat(sandbox.control("POST", "/conversations/c-orphan/actions", "{\"action\": \"customerWrites\"}").status()).isEqualTo(409);
        assertThat(leg("c-orphan", "customer").get("messages")).hasSize(1);
    }

    @Test
    void theQueueTopicCarriesEachLegsMessagesAsReferences() {
        JsonNode channel = sandbox.post("/api/v2/notifications/channels", token, "").json();
        sandbox.post("/api/v2/notifications/channels/" + channel.get("id").asText() + "/subscriptions", token,
                "[{\"id\": \"v2.routing.queues.q-support.conversations.messages\"}]");
        WsClient ws = sockets.open(URI.create(channel.get("connectUri").asText()));
        await().atMost(5, TimeUnit.SECONDS).until(() -> sandbox.control("GET", "/notifications/channels", null).json()
                .findValues("connected").stream().anyMatch(JsonNode::asBoolean));

        sandbox.control("POST", "/conversations/c-waiting/actions", "{\"action\": \"connectAgent\"}");

        JsonNode body = ws.awaitFrame(f -> f.path("eventBody").path("id").asText().equals("c-waiting")).get("eventBody");
        JsonNode first = body.get("participants").get(0).get("messages").get(0);
        assertThat(first.get("message").get("id").asText()).isNotBlank();
        assertThat(first.get("message").has("selfUri")).as("a UriReference {id, name} has none").isFalse();
        assertThat(first.get("messageStatus").asText()).isEqualTo("received");
        assertThat(first.get("messageTime").asText()).isNotBlank();
        assertThat(first.has("messageId")).as("the topic's shape, not the REST one").isFalse();
    }

    @Test
    void whatAGuestWritesOnItsSocketIsAMessageOfItsCustomerLeg() {
        WsClient ws = sockets.open(URI.create(sandbox.baseUri().toString().replace("http", "ws") + "/v1?deploymentId=d-web"));
        String guestToken = "0e5b8a9e-5d1c-4e43-9a4f-3d2b1c0a9f8e";
        ws.send("{\"action\":\"configureSession\",\"token\":\"" + guestToken + "\",\"deploymentId\":\"d-web\"}");
        ws.awaitFrame(f -> f.path("class").asText().equals("SessionResponse"));
        String write = "{\"action\":\"onMessage\",\"token\":\"" + guestToken + "\",\"message\":{\"type\":\"Text\",\"text\":\"hello\"}}";
        ws.send(write);
        await().atMost(5, TimeUnit.SECONDS).until(() -> webGuest() != null);
        String id = webGuest();
        sandbox.advance(90);

        ws.send(write);

        await().atMost(5, TimeUnit.SECONDS).until(() -> leg(id, "customer").get("messages").size() == 2);
        JsonNode messages = leg(id, "customer").get("messages");
        assertThat(java.time.Duration.between(java.time.Instant.parse(messages.get(0).get("messageTime").asText()),
                java.time.Instant.parse(messages.get(1).get("messageTime").asText()))).isEqualTo(java.time.Duration.ofSeconds(90));
    }

    private String webGuest() {
        for (JsonNode c : sandbox.control("GET", "/conversations", null).json()) {
            if (c.get("label").asText().startsWith("web-guest-")) {
                return c.get("id").asText();
            }
        }
        return null;
    }
}
