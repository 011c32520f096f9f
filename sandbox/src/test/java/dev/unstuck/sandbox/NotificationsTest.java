package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NotificationsTest {
    private static final String CHANNELS = "/api/v2/notifications/channels";
    private static final String SUPPORT_TOPIC = "v2.routing.queues.q-support.conversations.messages";

    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/analytics-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    private final String token = sandbox.token("analyst", "analyst-secret");
    @RegisterExtension
    final Sockets sockets = new Sockets(sandbox);

    private JsonNode channel() {
        RunningSandbox.Reply r = sandbox.post(CHANNELS, token, "");
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static String topics(String... ids) {
        return "[" + java.util.Arrays.stream(ids).map(t -> "{\"id\": \"" + t + "\"}").collect(Collectors.joining(",")) + "]";
    }

    private String newGuest(String id) {
        sandbox.control("POST", "/conversations", "{\"id\": \"" + id + "\", \"label\": \"" + id + "\", \"kind\": \"waiting\", \"queue\": \"Support\"}");
        return id;
    }

    @Test
    void createsAChannelWithALocalConnectUri() {
        JsonNode c = channel();

        assertThat(c.get("id").asText()).startsWith("streaming-0-");
        assertThat(c.get("connectUri").asText()).isEqualTo(sandbox.baseUri().toString().replace("http", "ws") + "/channels/" + c.get("id").asText());
        assertThat(c.get("expires").asText()).isNotBlank();
        assertThat(sandbox.get(CHANNELS, token).json().get("entities")).hasSize(1);
    }

    @Test
    void queueTopicTellsEveryParticipantChangeOfAGuestEnteringTheQueue() {
        JsonNode c = channel();
        RunningSandbox.Reply sub = sandbox.post(CHANNELS + "/" + c.get("id").asText() + "/subscriptions", token, topics(SUPPORT_TOPIC));
        assertThat(sub.json().get("entities").get(0).get("state").asText()).isEqualTo("Permitted");
        WsClient ws = sockets.channel(c);

        newGuest("c-new");

        JsonNode event = ws.awaitFrame(f -> f.path("topicName").asText().equals(SUPPORT_TOPIC)
                && f.path("eventBody").path("participants").findValues("purpose").stream().anyMatch(p -> p.asText().equals("acd")));
        assertThat(event.get("version").asText()).isEqualTo("2");
        assertThat(event.get("metadata").get("CorrelationId").asText()).isNotBlank();
        JsonNode body = event.get("eventBody");
        assertThat(body.get("id").asText()).isEqualTo("c-new");
        JsonNode acd = body.get("participants").get(2);
        assertThat(acd.get("queue").get("id").asText()).isEqualTo("q-support");
        assertThat(acd.get("state").asText()).isEqualTo("connected");
    }

    @Test
    void detailEventsFollowOneConversation() {
        JsonNode c = channel();
        String id = c.get("id").asText();
        sandbox.post(CHANNELS + "/" + id + "/subscriptions", token, topics(
                "v2.detail.events.conversation.c-waiting.acd.end", "v2.detail.events.conversation.c-waiting.user.start",
                "v2.detail.events.conversation.c-waiting.user.end"));
        WsClient ws = sockets.channel(c);

        sandbox.control("POST", "/conversations/c-waiting/actions", "{\"action\": \"connectAgent\"}");
        sandbox.control("POST", "/conversations/c-waiting/actions", "{\"action\": \"agentDisconnects\"}");

        JsonNode acdEnd = ws.awaitFrame(f -> f.path("topicName").asText().endsWith("acd.end")).get("eventBody");
        assertThat(acdEnd.get("acdOutcome").asText()).isEqualTo("ANSWERED");
        assertThat(acdEnd.get("queueId").asText()).isEqualTo("q-support");
        assertThat(acdEnd.get("mediaType").asText()).isEqualTo("MESSAGE");
        assertThat(acdEnd.get("eventTime").isNumber()).isTrue();
        JsonNode userEnd = ws.awaitFrame(f -> f.path("topicName").asText().endsWith("user.end")).get("eventBody");
        assertThat(userEnd.get("disconnectType").asText()).isEqualTo("CLIENT");
        assertThat(userEnd.get("userId").asText()).isEqualTo("u-ana");
    }

    @Test
    void userEndAlsoFiresWhenAnAgentRejectsAndTheGuestStaysQueued() {
        JsonNode c = channel();
        sandbox.post(CHANNELS + "/" + c.get("id").asText() + "/subscriptions", token,
                topics("v2.detail.events.conversation.c-offered.user.end"));
        WsClient ws = sockets.channel(c);

        RunningSandbox.Reply r = sandbox.control("POST", "/conversations/c-offered/actions", "{\"action\": \"agentRejects\"}");

        assertThat(r.status()).isEqualTo(200);
        JsonNode userEnd = ws.awaitFrame(f -> f.path("topicName").asText().endsWith("user.end")).get("eventBody");
        assertThat(userEnd.get("disconnectType").asText()).isEqualTo("TRANSFER");
        assertThat(sandbox.controlConversation("c-offered").get("waiting").asBoolean()).isTrue();
        assertThat(sandbox.controlConversation("c-offered").get("ended").asBoolean()).isFalse();
    }

    @Test
    void rejectsTopicsTheClientMayNotSeeNamingThePermission() {
        String plain = sandbox.token("plain", "plain-secret");
        String id = sandbox.post(CHANNELS, plain, "").json().get("id").asText();

        RunningSandbox.Reply ignored = sandbox.post(CHANNELS + "/" + id + "/subscriptions?ignoreErrors=true", plain,
                topics(SUPPORT_TOPIC, "v2.detail.events.conversation.c-waiting.acd.start"));
        RunningSandbox.Reply strict = sandbox.post(CHANNELS + "/" + id + "/subscriptions", plain, topics(SUPPORT_TOPIC));

        JsonNode queue = ignored.json().get("entities").get(0);
        assertThat(queue.get("state").asText()).isEqualTo("Rejected");
        assertThat(queue.get("missingPermissions").get(0).asText()).isEqualTo("routing:queue:view");
        assertThat(queue.get("rejectionReason").asText()).contains("routing:queue:view");
        assertThat(ignored.json().get("entities").get(1).get("missingPermissions").get(0).asText())
                .isEqualTo("analytics:conversationDetail:view");
        assertThat(strict.status()).isEqualTo(403);
        assertThat(strict.json().get("messageParams").get("permissions").asText()).isEqualTo("routing:queue:view");
        assertThat(sandbox.get(CHANNELS + "/" + id + "/subscriptions", plain).json().get("entities")).isEmpty();
    }

    @Test
    void wildcardAndUnknownTopicsAreNotServed() {
        String id = channel().get("id").asText();

        assertThat(sandbox.post(CHANNELS + "/" + id + "/subscriptions", token, topics("v2.detail.events.conversation.*.user.end")).status())
                .isEqualTo(400);
        assertThat(sandbox.post(CHANNELS + "/" + id + "/subscriptions?ignoreErrors=true", token, topics("v2.users.u-ana.presence"))
                .json().get("entities").get(0).get("state").asText()).isEqualTo("Rejected");
    }

    @Test
    void putReplacesAndDeleteClearsSubscriptions() {
        String id = channel().get("id").asText();
        String subs = CHANNELS + "/" + id + "/subscriptions";
        sandbox.post(subs, token, topics(SUPPORT_TOPIC));

        sandbox.send(java.net.http.HttpRequest.newBuilder(sandbox.uri(subs)).header("Authorization", "Bearer " + token)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(topics("v2.routing.queues.q-billing.conversations.messages"))));
        assertThat(sandbox.get(subs, token).json().findValuesAsText("id")).containsExactly("v2.routing.queues.q-billing.conversations.messages");

        assertThat(sandbox.delete(subs, token).status()).isEqualTo(204);
        assertThat(sandbox.get(subs, token).json().get("entities")).isEmpty();
    }

    @Test
    void aTwentyFirstChannelRemovesTheOldestUnconnectedOne() {
        JsonNode first = channel();
        sockets.channel(first);
        JsonNode second = channel();
        for (int i = 0; i < 18; i++) {
            channel();
        }

        channel();

        List<String> ids = sandbox.get(CHANNELS, token).json().get("entities").findValuesAsText("id");
        assertThat(ids).hasSize(20).contains(first.get("id").asText()).doesNotContain(second.get("id").asText());
    }

    @Test
    void aChannelHoldsAThousandTopics() {
        String subs = CHANNELS + "/" + channel().get("id").asText() + "/subscriptions";
        String thousand = topics(IntStream.range(0, 1000).mapToObj(i -> "v2.routing.queues.q" + i + ".conversations.messages").toArray(String[]::new));

        assertThat(sandbox.post(subs, token, thousand).status()).isEqualTo(200);
        RunningSandbox.Reply more = sandbox.post(subs, token, topics(SUPPORT_TOPIC));

        assertThat(more.status()).isEqualTo(400);
        assertThat(more.json().get("message").asText()).contains("1000");
    }

    @Test
    void channelsExpireADayAfterTheirLastSubscription() {
        // A two-day token, so the channel's own expiry comes before its token's.
        sandbox.control("PATCH", "/settings", "{\"tokenLifetimeSeconds\": 172800}");
        String longToken = sandbox.token("analyst", "analyst-secret");
        String id = sandbox.post(CHANNELS, longToken, "").json().get("id").asText();
        sandbox.advance(3600);
        sandbox.post(CHANNELS + "/" + id + "/subscriptions", longToken, topics(SUPPORT_TOPIC));

        sandbox.advance(86400 - 1);
        String later = sandbox.token("analyst", "analyst-secret");
        assertThat(sandbox.send(java.net.http.HttpRequest.newBuilder(sandbox.uri(CHANNELS + "/" + id))
                .header("Authorization", "Bearer " + later).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(200);

        sandbox.advance(1);
        assertThat(sandbox.get(CHANNELS + "/" + id + "/subscriptions", later).status()).isEqualTo(404);
    }

    @Test
    void anotherClientsChannelIsNotFound() {
        String id = channel().get("id").asText();
        String plain = sandbox.token("plain", "plain-secret");

        assertThat(sandbox.get(CHANNELS + "/" + id + "/subscriptions", plain).status()).isEqualTo(404);
        assertThat(sandbox.get(CHANNELS, plain).json().get("entities")).isEmpty();
    }

    @Test
    void heartbeatsFollowTheSandboxClockAndPingsArePonged() {
        WsClient ws = sockets.channel(channel());

        ws.send("{\"message\":\"ping\"}");
        ws.awaitFrame(f -> f.path("eventBody").path("message").asText().equals("pong"));
        assertThat(ws.frames).noneMatch(f -> f.path("eventBody").path("message").asText().equals("WebSocket Heartbeat"));

        sandbox.advance(30);

        JsonNode beat = ws.awaitFrame(f -> f.path("eventBody").path("message").asText().equals("WebSocket Heartbeat"));
        assertThat(beat.get("topicName").asText()).isEqualTo("channel.metadata");
    }

    @Test
    void socketClosingAndNoLongerSubscribedOnDemand() {
        JsonNode c = channel();
        String id = c.get("id").asText();
        sandbox.post(CHANNELS + "/" + id + "/subscriptions", token, topics(SUPPORT_TOPIC));
        WsClient ws = sockets.channel(c);

        sandbox.control("POST", "/notifications/socket-closing", "{\"channelId\": \"" + id + "\"}");
        sandbox.control("POST", "/notifications/no-longer-subscribed", "{}");

        ws.awaitFrame(f -> f.path("topicName").asText().equals("v2.system.socket_closing"));
        JsonNode gone = ws.awaitFrame(f -> f.path("topicName").asText().startsWith("v2.system.no_longer_subscribed"));
        assertThat(gone.get("eventBody").get("channelId").asText()).isEqualTo(id);
        assertThat(gone.get("eventBody").has("topics")).as("a SystemMessage names no topics").isFalse();
        assertThat(sandbox.get(CHANNELS + "/" + id + "/subscriptions", token).json().get("entities")).isEmpty();
    }

    @Test
    void aSocketIsToldAMinuteBeforeItsTokenExpiresAndClosesWhenItDoes() {
        sandbox.control("PATCH", "/settings", "{\"tokenLifetimeSeconds\": 600}");
        String shortToken = sandbox.token("analyst", "analyst-secret");
        JsonNode c = sandbox.post(CHANNELS, shortToken, "").json();
        String id = c.get("id").asText();
        sandbox.post(CHANNELS + "/" + id + "/subscriptions", shortToken, topics(SUPPORT_TOPIC));
        WsClient ws = sockets.channel(c);

        sandbox.advance(539);
        ws.send("{\"message\":\"ping\"}");
        ws.awaitFrame(f -> f.path("eventBody").path("message").asText().equals("pong"));
        assertThat(ws.frames).noneMatch(f -> f.path("topicName").asText().equals("v2.system.socket_closing"));

        sandbox.advance(1);
        ws.awaitFrame(f -> f.path("topicName").asText().equals("v2.system.socket_closing"));
        sandbox.advance(59);
        newGuest("c-before-expiry");
        ws.awaitFrame(f -> f.path("eventBody").path("id").asText().equals("c-before-expiry"));
        assertThat(ws.closed).isNotDone();

        sandbox.advance(1);

        await().atMost(10, TimeUnit.SECONDS).until(ws.closed::isDone);
        assertThat(ws.closed.join()).isEqualTo(1000);
        String renewed = sandbox.token("analyst", "analyst-secret");
        assertThat(sandbox.get(CHANNELS + "/" + id + "/subscriptions", renewed).status()).as("the channel went with its token").isEqualTo(404);
        WsClient again = sockets.open(URI.create(c.get("connectUri").asText()));
        await().atMost(10, TimeUnit.SECONDS).until(again.closed::isDone);
        assertThat(again.closed.join()).isEqualTo(4004);
    }

    @Test
    void aChannelOpenedWithARenewedTokenOutlivesTheOldToken() {
        sandbox.control("PATCH", "/settings", "{\"tokenLifetimeSeconds\": 600}");
        JsonNode old = sandbox.post(CHANNELS, sandbox.token("analyst", "analyst-secret"), "").json();
        WsClient oldSocket = sockets.channel(old);
        sandbox.advance(300);
        String renewed = sandbox.token("analyst", "analyst-secret");
        JsonNode fresh = sandbox.post(CHANNELS, renewed, "").json();
        sandbox.post(CHANNELS + "/" + fresh.get("id").asText() + "/subscriptions", renewed, topics(SUPPORT_TOPIC));
        WsClient freshSocket = sockets.open(URI.create(fresh.get("connectUri").asText()));
        await().atMost(5, TimeUnit.SECONDS).until(() -> sandbox.control("GET", "/notifications/channels", null).json()
                .findValues("connected").stream().filter(JsonNode::asBoolean).count() == 2);

        sandbox.advance(300);

        await().atMost(10, TimeUnit.SECONDS).until(oldSocket.closed::isDone);
        newGuest("c-after-expiry");
        freshSocket.awaitFrame(f -> f.path("eventBody").path("id").asText().equals("c-after-expiry"));
        assertThat(freshSocket.frames).noneMatch(f -> f.path("topicName").asText().equals("v2.system.socket_closing"));
        assertThat(freshSocket.closed).isNotDone();
    }

    @Test
    void aRevokedTokenIsAnnouncedThenTheSocketCloses() {
        JsonNode c = channel();
        String id = c.get("id").asText();
        WsClient ws = sockets.channel(c);

        sandbox.control("POST", "/notifications/token-revoked", "{\"channelId\": \"" + id + "\"}");

        ws.awaitFrame(f -> f.path("topicName").asText().equals("v2.system.token_revoked." + id));
        await().atMost(10, TimeUnit.SECONDS).until(ws.closed::isDone);
    }

    @Test
    void droppedSocketsCloseWithoutAGoodbye() {
        WsClient ws = sockets.channel(channel());

        sandbox.control("POST", "/notifications/drop", "{}");

        await().atMost(10, TimeUnit.SECONDS).until(ws.closed::isDone);
        assertThat(sandbox.control("GET", "/notifications/channels", null).json().get(0).get("connected").asBoolean()).isFalse();
    }

    @Test
    void delayedEventsArriveWhenTheSandboxClockCatchesUp() {
        JsonNode c = channel();
        sandbox.post(CHANNELS + "/" + c.get("id").asText() + "/subscriptions", token, topics(SUPPORT_TOPIC));
        WsClient ws = sockets.channel(c);
        sandbox.control("PUT", "/notifications/faults", "{\"delaySeconds\": 20}");

        newGuest("c-late");
        sandbox.advance(19);
        ws.send("{\"message\":\"ping\"}");
        ws.awaitFrame(f -> f.path("eventBody").path("message").asText().equals("pong"));
        assertThat(ws.framesOn(SUPPORT_TOPIC)).isEmpty();

        sandbox.advance(1);
        ws.awaitFrame(f -> f.path("topicName").asText().equals(SUPPORT_TOPIC));
    }

    @Test
    void droppedEventsNeverArrive() {
        JsonNode c = channel();
        sandbox.post(CHANNELS + "/" + c.get("id").asText() + "/subscriptions", token,
                topics("v2.detail.events.conversation.c-offered.user.end", "v2.detail.events.conversation.c-waiting.customer.end"));
        WsClient ws = sockets.channel(c);
        // Only events some channel listens to count: here user.end of c-offered is the next one.
        sandbox.control("PUT", "/notifications/faults", "{\"dropNext\": 1}");

        sandbox.control("POST", "/conversations/c-offered/actions", "{\"action\": \"agentRejects\"}");
        sandbox.control("POST", "/conversations/c-waiting/actions", "{\"action\": \"customerLeaves\"}");

        ws.awaitFrame(f -> f.path("topicName").asText().endsWith("customer.end"));
        assertThat(ws.framesOn("v2.detail.events.conversation.c-offered.user.end")).isEmpty();
        assertThat(sandbox.control("GET", "/notifications/faults", null).json().get("dropped").asInt()).isEqualTo(1);
    }
}
