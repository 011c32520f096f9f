package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Flow legs run named Architect flows: analytics names the flow on the leg's session
 * ({@code sessions[].flow}), filters segments by {@code flowId}; the conversation API shows only the leg's name.
 */
class FlowsTest {
    static final String SCENARIO = """
            {"roles": [{"name": "all", "permissions": ["*:*:*"]}],
             "oauthClients": [{"id": "ops", "secret": "ops-secret", "roles": ["all"]}],
             "flows": [{"id": "f-loop", "name": "Support in-queue flow"}],
             "queues": [{"id": "q-support", "name": "Support", "inQueueFlow": "Support in-queue flow"}, {"id": "q-sales", "name": "Sales"}],
             "guests": [
               {"id": "c-loop", "label": "loop", "kind": "looping", "queue": "Support", "ageSeconds": 1200, "passes": 3},
               {"id": "c-sales", "label": "sales", "kind": "looping", "queue": "Sales", "ageSeconds": 1200, "passes": 2},
               {"id": "c-wait", "label": "wait", "kind": "waiting", "queue": "Support", "ageSeconds": 600}
             ]}
            """;

    @RegisterExtension
    static final SandboxExtension extension = new SandboxExtension(SCENARIO).loadedBeforeFields();

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    private final String token = sandbox.token("ops", "ops-secret");

    private static List<String> flows(JsonNode details) {
        List<String> found = new ArrayList<>();
        for (JsonNode p : details.path("participants")) {
            JsonNode flow = p.path("sessions").path(0).path("flow");
            if (!flow.isMissingNode()) {
                found.add(flow.path("flowId").asText() + "|" + flow.path("flowName").asText() + "|" + flow.path("flowType").asText()
                        + "|" + p.path("participantName").asText());
            }
        }
        return found;
    }

    @Test
    void aLoopersFirstFlowIsTheInboundFlowAndEveryLaterPassItsQueuesInQueueFlow() {
        JsonNode details = sandbox.get("/api/v2/analytics/conversations/c-loop/details", token).json();

        List<String> legs = flows(details);
        assertThat(legs).hasSize(3);
        assertThat(legs.get(0)).endsWith("|Inbound Message Flow|INBOUNDSHORTMESSAGE|Inbound Message Flow");
        assertThat(legs.subList(1, 3)).containsOnly("f-loop|Support in-queue flow|INQUEUESHORTMESSAGE|Support in-queue flow");
        assertThat(flows(sandbox.get("/api/v2/analytics/conversations/c-sales/details", token).json()))
                .hasSize(2).allSatisfy(f -> assertThat(f).contains("|Inbound Message Flow|INBOUNDSHORTMESSAGE|"));
    }

    @Test
    void aNewPassGoesThroughTheInQueueFlowAndTheConversationApiNamesTheLegOnly() {
        sandbox.control("POST", "/clock/advance", "{\"seconds\": 130}");

        JsonNode conversation = sandbox.get("/api/v2/conversations/messages/c-loop", token).json();
        List<String> flowLegs = new ArrayList<>();
        for (JsonNode p : conversation.path("participants")) {
            if (!List.of("customer", "acd").contains(p.path("purpose").asText())) {
                flowLegs.add(p.path("name").asText());
                assertThat(p.has("flow")).isFalse();
            }
        }
        assertThat(flowLegs).containsExactly("Inbound Message Flow", "Support in-queue flow", "Support in-queue flow",
                "Support in-queue flow");
    }

    @Test
    void analyticsFiltersSegmentsByFlowId() {
        Instant now = Instant.parse(sandbox.control("GET", "/clock", null).json().get("now").asText());
        String body = """
                {"interval": "%s/%s", "segmentFilters": [{"type": "and", "predicates": [
                  {"type": "dimension", "dimension": "flowId", "operator": "matches", "value": "f-loop"}]}]}
                """.formatted(now.minusSeconds(86_400), now.plusSeconds(60));

        JsonNode answer = sandbox.post("/api/v2/analytics/conversations/details/query", token, body).json();

        List<String> ids = new ArrayList<>();
        answer.path("conversations").forEach(c -> ids.add(c.path("conversationId").asText()));
        assertThat(ids).containsExactly("c-loop");
    }

    @Test
    void aQueuesInQueueFlowMustBeAFlowOfTheScenario() {
        assertThatThrownBy(() -> new RunningSandbox("""
                {"queues": [{"name": "Support", "inQueueFlow": "Nowhere"}]}
                """).close())
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("queues[0].inQueueFlow").hasMessageContaining("Nowhere");
    }
}
