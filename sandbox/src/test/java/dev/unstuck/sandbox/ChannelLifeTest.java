package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Channels belong to the token that made them; a channel that goes says so with the platform's 404 frame;
 * the socket takes subscriptions itself; a queue's every-media topic carries its conversations.
 */
class ChannelLifeTest {
    private static final String CHANNELS = "/api/v2/notifications/channels";
    private static final String SUPPORT_ALL_MEDIA = "v2.routing.queues.q-support.conversations";

    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/analytics-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    @RegisterExtension
    final Sockets sockets = new Sockets(sandbox);

    private static boolean gone(JsonNode frame) {
        return frame.path("result").asText().equals("404") && !frame.path("message").asText().isEmpty();
    }

    @Test
    void channelsAreListedOnlyToTheTokenThatMadeThem() {
        String first = sandbox.token("analyst", "analyst-secret");
        String second = sandbox.token("analyst", "analyst-secret");
        String mine = sandbox.post(CHANNELS, first, "").json().get("id").asText();
        String theirs = sandbox.post(CHANNELS, second, "").json().get("id").asText();

        assertThat(sandbox.get(CHANNELS, first).json().get("entities").findValuesAsText("id")).containsExactly(mine);
        assertThat(sandbox.get(CHANNELS, second).json().get("entities").findValuesAsText("id")).containsExactly(theirs);
    }

    @Test
    void disablingTheClientAnnouncesTheRevokedTokenOnItsChannelAndClosesIt() {
        JsonNode channel = sandbox.post(CHANNELS, sandbox.token("analyst", "analyst-secret"), "").json();
        WsClient ws = sockets.channel(channel);

        sandbox.control("PATCH", "/clients/analyst", "{\"state\": \"inactive\"}");

        ws.awaitFrame(f -> f.path("topicName").asText().equals("v2.system.token_revoked." + channel.get("id").asText()));
        await().atMost(10, TimeUnit.SECONDS).until(ws.closed::isDone);
    }

    @Test
    void aChannelWhoseTokenExpiredSendsThe404FrameBeforeItCloses() {
        sandbox.control("PATCH", "/settings", "{\"tokenLifetimeSeconds\": 600}");
        WsClient ws = sockets.channel(sandbox.post(CHANNELS, sandbox.token("analyst", "analyst-secret"), "").json());

        sandbox.advance(600);

        await().atMost(10, TimeUnit.SECONDS).until(ws.closed::isDone);
        assertThat(ws.frames).anyMatch(ChannelLifeTest::gone);
        assertThat(gone(ws.frames.get(ws.frames.size() - 1))).as("the last frame before the close is the 404 frame").isTrue();
    }

    @Test
    void anEvictedChannelSendsThe404Frame() {
        String token = sandbox.token("analyst", "analyst-secret");
        List<WsClient> connected = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            WsClient ws = sockets.open(URI.create(sandbox.post(CHANNELS, token, "").json().get("connectUri").asText()));
            connected.add(ws);
            long expected = i;
            await().atMost(5, TimeUnit.SECONDS).until(() -> sandbox.control("GET", "/notifications/channels", null).json()
                    .findValues("connected").stream().filter(JsonNode::asBoolean).count() == expected);
            sandbox.advance(1);
        }

        sandbox.post(CHANNELS, token, "");

        WsClient oldest = connected.get(0);
        await().atMost(10, TimeUnit.SECONDS).until(oldest.closed::isDone);
        assertThat(oldest.frames).anyMatch(ChannelLifeTest::gone);
        assertThat(connected.subList(1, 20)).allMatch(ws -> !ws.closed.isDone());
    }

    @Test
    void connectingToAChannelThatIsNoMoreGetsThe404FrameThenTheClose() {
        JsonNode channel = sandbox.post(CHANNELS, sandbox.token("analyst", "analyst-secret"), "").json();
        String unknown = channel.get("connectUri").asText().replace(channel.get("id").asText(), "streaming-0-gone");
        WsClient ws = sockets.open(URI.create(unknown));

        await().atMost(10, TimeUnit.SECONDS).until(ws.closed::isDone);
        assertThat(ws.closed.join()).isEqualTo(4004);
        assertThat(ws.frames).anyMatch(ChannelLifeTest::gone);
    }

    @Test
    void theSocketTakesASubscriptionItselfAndItsTopicsThenCarryEvents() {
        String token = sandbox.token("analyst", "analyst-secret");
        JsonNode channel = sandbox.post(CHANNELS, token, "").json();
        WsClient ws = sockets.channel(channel);

        ws.send("{\"message\":\"subscribe\",\"topics\":[\"" + SUPPORT_ALL_MEDIA + "\"],\"correlationId\":\"c-1\"}");

        JsonNode answer = ws.awaitFrame(f -> f.has("result"));
        assertThat(answer.get("result").asText()).isEqualTo("200");
        assertThat(answer.get("status").asText()).isEqualTo("subscribed");
        assertThat(sandbox.get(CHANNELS + "/" + channel.get("id").asText() + "/subscriptions", token).json().get("entities")
                .findValuesAsText("id")).containsExactly(SUPPORT_ALL_MEDIA);
        sandbox.control("POST", "/conversations", "{\"id\": \"c-new\", \"label\": \"new\", \"kind\": \"waiting\", \"queue\": \"Support\"}");
        JsonNode event = ws.awaitFrame(f -> f.path("topicName").asText().equals(SUPPORT_ALL_MEDIA)
                && f.path("eventBody").path("participants").findValuesAsText("purpose").contains("acd"));
        JsonNode acd = event.get("eventBody").get("participants").get(2);
        assertThat(acd.get("queueId").asText()).isEqualTo("q-support");
        assertThat(acd.get("messages").get(0).get("state").asText()).isEqualTo("connected");
        assertThat(acd.get("messages").get(0).get("type").asText()).isEqualTo("webmessaging");
    }

    @Test
    void aSocketSubscriptionToATopicTheClientMayNotSeeFailsWhole() {
        JsonNode channel = sandbox.post(CHANNELS, sandbox.token("plain", "plain-secret"), "").json();
        WsClient ws = sockets.channel(channel);

        ws.send("{\"message\":\"subscribe\",\"topics\":[\"" + SUPPORT_ALL_MEDIA + "\"]}");

        JsonNode answer = ws.awaitFrame(f -> f.has("result"));
        assertThat(answer.get("result").asText()).isEqualTo("400");
        assertThat(answer.get("status").asText()).isEqualTo("failure");
        assertThat(answer.get("message").asText()).contains("routing:queue:view");
        assertThat(sandbox.control("GET", "/notifications/channels", null).json().findValues("topics").get(0)).isEmpty();
    }
}
