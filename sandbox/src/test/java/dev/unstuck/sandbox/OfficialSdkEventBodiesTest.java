package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.model.AcdEndDetailEventTopicAcdEndEvent;
import com.mypurecloud.sdk.v2.model.AcdStartDetailEventTopicAcdStartEvent;
import com.mypurecloud.sdk.v2.model.AcwDetailEventTopicAfterCallWorkEvent;
import com.mypurecloud.sdk.v2.model.CustomerEndDetailEventTopicCustomerEndEvent;
import com.mypurecloud.sdk.v2.model.CustomerStartDetailEventTopicCustomerStartEvent;
import com.mypurecloud.sdk.v2.model.FlowEndDetailEventTopicFlowEndEvent;
import com.mypurecloud.sdk.v2.model.FlowStartDetailEventTopicFlowStartEvent;
import com.mypurecloud.sdk.v2.model.QueueConversationEventTopicConversation;
import com.mypurecloud.sdk.v2.model.QueueConversationMessageEventTopicMessageConversation;
import com.mypurecloud.sdk.v2.model.UserEndDetailEventTopicUserEndEvent;
import com.mypurecloud.sdk.v2.model.UserStartDetailEventTopicUserStartEvent;
import com.mypurecloud.sdk.v2.model.WrapupDetailEventTopicWrapupEvent;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every event body the sandbox sends holds only fields of the official Java SDK's (198.1.0) model for its
 * topic: each is read with the SDK's own mapper, told to fail on any field the model lacks.
 */
class OfficialSdkEventBodiesTest {
    private static final String CHANNELS = "/api/v2/notifications/channels";
    private static final Map<String, Class<?>> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put("v2.routing.queues.q-support.conversations.messages", QueueConversationMessageEventTopicMessageConversation.class);
        MODELS.put("v2.routing.queues.q-support.conversations", QueueConversationEventTopicConversation.class);
        MODELS.put("acd.start", AcdStartDetailEventTopicAcdStartEvent.class);
        MODELS.put("acd.end", AcdEndDetailEventTopicAcdEndEvent.class);
        MODELS.put("customer.start", CustomerStartDetailEventTopicCustomerStartEvent.class);
        MODELS.put("customer.end", CustomerEndDetailEventTopicCustomerEndEvent.class);
        MODELS.put("flow.start", FlowStartDetailEventTopicFlowStartEvent.class);
        MODELS.put("flow.end", FlowEndDetailEventTopicFlowEndEvent.class);
        MODELS.put("user.start", UserStartDetailEventTopicUserStartEvent.class);
        MODELS.put("user.end", UserEndDetailEventTopicUserEndEvent.class);
        MODELS.put("acw", AcwDetailEventTopicAfterCallWorkEvent.class);
        MODELS.put("wrapup", WrapupDetailEventTopicWrapupEvent.class);
    }

    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/analytics-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    @RegisterExtension
    final Sockets sockets = new Sockets(sandbox);

    @Test
    void everyEventBodyHoldsOnlyTheFieldsOfItsTopicsSdkModel() throws Exception {
        String token = sandbox.token("analyst", "analyst-secret");
        JsonNode channel = sandbox.post(CHANNELS, token, "").json();
        String topics = MODELS.keySet().stream().map(t -> t.startsWith("v2.") ? t : "v2.detail.events.conversation.c-sdk." + t)
                .map(t -> "{\"id\": \"" + t + "\"}").collect(Collectors.joining(",", "[", "]"));
        assertThat(sandbox.post(CHANNELS + "/" + channel.get("id").asText() + "/subscriptions", token, topics).status()).isEqualTo(200);
        WsClient ws = sockets.open(URI.create(channel.get("connectUri").asText()));
        await().atMost(5, TimeUnit.SECONDS).until(() -> sandbox.control("GET", "/notifications/channels", null).json()
                .findValues("connected").stream().anyMatch(JsonNode::asBoolean));

        // A guest through every kind of event: enters, is answered, the agent leaves to ACW, a teardown wraps up.
        sandbox.control("POST", "/conversations", "{\"id\": \"c-sdk\", \"label\": \"sdk\", \"kind\": \"waiting\", \"queue\": \"Support\"}");
        sandbox.control("POST", "/conversations/c-sdk/actions", "{\"action\": \"connectAgent\"}");
        sandbox.control("POST", "/conversations/c-sdk/actions", "{\"action\": \"agentDisconnects\"}");
        sandbox.post("/api/v2/conversations/c-sdk/disconnect", token, "");
        await().atMost(10, TimeUnit.SECONDS).until(() -> kinds(ws).containsAll(MODELS.keySet()));

        ObjectMapper strict = ApiClient.Builder.standard().build().getObjectMapper().copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<String> unknown = new ArrayList<>();
        for (JsonNode frame : ws.frames) {
            Class<?> model = MODELS.get(kind(frame));
            if (model != null) {
                // The Java SDK types eventTime as an Integer, too small for the epoch milliseconds the platform sends
                // (the JS SDK's number holds them): its value is zeroed, its name stays for the check.
                com.fasterxml.jackson.databind.node.ObjectNode body = frame.get("eventBody").deepCopy();
                if (body.has("eventTime")) {
                    body.put("eventTime", 0);
                }
                try {
                    strict.treeToValue(body, model);
                } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
                    unknown.add(kind(frame) + ": " + e.getPropertyName());
                }
            }
        }
        assertThat(unknown).as("fields the SDK's models do not have").isEmpty();
    }

    private static List<String> kinds(WsClient ws) {
        return ws.frames.stream().map(OfficialSdkEventBodiesTest::kind).toList();
    }

    private static String kind(JsonNode frame) {
        String topic = frame.path("topicName").asText();
        String prefix = "v2.detail.events.conversation.c-sdk.";
        return topic.startsWith(prefix) ? topic.substring(prefix.length()) : topic;
    }
}
