package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** /sandbox/v1: setting the stage and watching it, through the same door tests and users use. */
class ControlApiTest {
    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/test-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    private final String token = sandbox.operatorToken();

    private RunningSandbox.Reply act(String id, String body) {
        return sandbox.control("POST", "/conversations/" + id + "/actions", body);
    }

    private List<String> legs(String id) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : sandbox.controlConversation(id).get("participants")) {
            out.add(p.get("purpose").asText() + ":" + p.get("state").asText());
        }
        return out;
    }

    @Test
    void theSummaryListsOrgQueuesAgentsClientsAndConversations() {
        JsonNode s = sandbox.control("GET", "/scenario", null).json();

        assertThat(s.get("org").get("name").asText()).isEqualTo("Test Org");
        assertThat(s.get("queues").findValuesAsText("name")).containsExactly("Support", "Billing");
        assertThat(s.get("agents").findValuesAsText("name")).containsExactly("Ana Agent", "Ben Agent");
        assertThat(s.get("clients").findValuesAsText("id")).containsExactly("operator", "viewer", "short");
        assertThat(s.get("conversations")).hasSize(7);
        assertThat(s.get("conversations").get(0).get("kind").asText()).isEqualTo("waiting");
        assertThat(s.toString()).doesNotContain("operator-secret");
    }

    @Test
    void loadingAScenarioReplacesTheWholeState() {
        RunningSandbox.Reply r = sandbox.control("POST", "/scenario", """
                {"queues": [{"name": "Only"}], "roles": [{"name": "r", "permissions": ["*:*:*"]}],
                 "oauthClients": [{"id": "c", "secret": "s", "roles": ["r"]}],
                 "guests": [{"label": "g", "kind": "waiting", "ageSeconds": 10, "count": 3}]}
                """);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("conversations").findValuesAsText("label")).containsExactly("g#1", "g#2", "g#3");
        assertThat(sandbox.get("/api/v2/tokens/me", token).status()).as("old tokens die with the old world").isEqualTo(401);
        assertThat(sandbox.get("/api/v2/tokens/me", sandbox.token("c", "s")).status()).isEqualTo(200);
    }

    @Test
    void anInvalidScenarioIsRefusedAndTheOldOneStays() {
        RunningSandbox.Reply r = sandbox.control("POST", "/scenario", "{\"guests\": [{\"kind\": \"stuck\"}]}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).startsWith("guests[0].kind: unknown kind \"stuck\"");
        assertThat(sandbox.control("GET", "/conversations", null).json()).hasSize(7);
    }

    @Test
    void aGuestCanBeAdded() {
        RunningSandbox.Reply r = sandbox.control("POST", "/conversations",
                "{\"label\": \"new-1\", \"kind\": \"orphaned\", \"queue\": \"Billing\", \"ageSeconds\": 600}");

        assertThat(r.status()).isEqualTo(201);
        String id = r.json().get("id").asText();
        assertThat(r.json().get("label").asText()).isEqualTo("new-1");
        assertThat(sandbox.get("/api/v2/conversations/messages/" + id, token).status()).isEqualTo(200);
        assertThat(sandbox.queueStats("q-billing").get("waiting").asInt()).isEqualTo(2);
    }

    @Test
    void aDuplicateLabelIsRefused() {
        RunningSandbox.Reply r = sandbox.control("POST", "/conversations", "{\"label\": \"waiting-1\", \"kind\": \"waiting\"}");

        assertThat(r.status()).isEqualTo(409);
    }

    @Test
    void connectAgentAnswersAWaitingGuest() {
        RunningSandbox.Reply r = act("c-waiting", "{\"action\": \"connectAgent\", \"agent\": \"Ben Agent\"}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(legs("c-waiting")).containsExactly("customer:connected", "workflow:disconnected", "acd:disconnected",
                "agent:connected");
        assertThat(sandbox.controlConversation("c-waiting").get("participants").get(3).get("userId").asText()).isEqualTo("u-ben");
        assertThat(sandbox.queueStats("q-support").get("waiting").asInt()).isEqualTo(2);
    }

    @Test
    void connectAgentAnswersTheAlertingOffer() {
        act("c-offered", "{\"action\": \"connectAgent\"}");

        assertThat(legs("c-offered")).containsExactly("customer:connected", "workflow:disconnected", "acd:disconnected",
                "agent:connected");
    }

    @Test
    void offerAgentAlertsWhileTheGuestStaysQueued() {
        act("c-waiting", "{\"action\": \"offerAgent\", \"agent\": \"u-ana\"}");

        assertThat(legs("c-waiting")).containsExactly("customer:connected", "workflow:disconnected", "acd:connected",
                "agent:alerting");
    }

    @Test
    void agentDisconnectsLeavesTheAgentPendingWrapup() {
        act("c-live", "{\"action\": \"agentDisconnects\"}");

        JsonNode agent = sandbox.controlConversation("c-live").get("participants").get(3);
        assertThat(agent.get("state").asText()).isEqualTo("disconnected");
        assertThat(agent.get("pendingWrapup").asBoolean()).isTrue();
    }

    @Test
    void customerLeavesMakesAnOrphanThatNothingCleansUp() {
        act("c-waiting", "{\"action\": \"customerLeaves\"}");
        sandbox.advance(3600);

        JsonNode c = sandbox.controlConversation("c-waiting");
        assertThat(legs("c-waiting")).containsExactly("customer:disconnected", "workflow:disconnected", "acd:connected");
        assertThat(c.get("waiting").asBoolean()).isTrue();
        assertThat(c.get("lingering").asBoolean()).isFalse();
    }

    @Test
    void requeueAddsOneMoreFlowAndQueuePass() {
        act("c-live", "{\"action\": \"requeue\"}");
        sandbox.advance(5);

        assertThat(legs("c-live")).containsExactly("customer:connected", "workflow:disconnected", "acd:disconnected",
                "agent:disconnected", "workflow:disconnected", "acd:connected");
    }

    @Test
    void requeueWithdrawsARingingOffer() {
        act("c-offered", "{\"action\": \"requeue\"}");

        JsonNode agent = sandbox.controlConversation("c-offered").get("participants").get(3);
        assertThat(agent.get("state").asText()).isEqualTo("disconnected");
        assertThat(agent.get("disconnectType").asText()).isEqualTo("transfer.noanswer");
        assertThat(agent.get("pendingWrapup").asBoolean()).isFalse();
    }

    @Test
    void anImpossibleActionConflictsAndAnUnknownOneIsRefused() {
        assertThat(act("c-ended", "{\"action\": \"connectAgent\"}").status()).isEqualTo(409);
        assertThat(act("c-waiting", "{\"action\": \"agentDisconnects\"}").status()).isEqualTo(409);
        RunningSandbox.Reply unknown = act("c-waiting", "{\"action\": \"explode\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asText()).contains("connectAgent");
        assertThat(act("nope", "{\"action\": \"requeue\"}").status()).isEqualTo(404);
    }

    @Test
    void afterNextReadActsRightAfterTheNextReadIsAnswered() {
        RunningSandbox.Reply scheduled = act("c-waiting", "{\"action\": \"connectAgent\", \"when\": \"afterNextRead\"}");
        assertThat(scheduled.status()).isEqualTo(202);
        assertThat(legs("c-waiting")).as("control reads do not trigger it").hasSize(3);

        JsonNode seen = sandbox.get("/api/v2/conversations/messages/c-waiting", token).json();

        assertThat(seen.get("participants")).as("the read shows the state before the act").hasSize(3);
        assertThat(legs("c-waiting")).contains("agent:connected");
        String customer = seen.get("participants").get(0).get("id").asText();
        assertThat(sandbox.patch("/api/v2/conversations/messages/c-waiting/participants/" + customer, token,
                "{\"state\":\"disconnected\"}").status()).isEqualTo(202);
    }

    @Test
    void theClockAdvancesOnlyWhenTold() {
        String before = sandbox.control("GET", "/clock", null).json().get("now").asText();

        RunningSandbox.Reply r = sandbox.control("POST", "/clock/advance", "{\"seconds\": 90}");

        assertThat(r.json().get("mode").asText()).isEqualTo("manual");
        assertThat(java.time.Duration.between(java.time.Instant.parse(before), java.time.Instant.parse(r.json().get("now").asText())))
                .hasSeconds(90);
        assertThat(sandbox.control("POST", "/clock/advance", "{\"seconds\": -1}").status()).isEqualTo(400);
    }

    @Test
    void theRequestLogRecordsGenesysCallsWithClientAndCorrelationId() {
        sandbox.control("DELETE", "/requests", null);
        RunningSandbox.Reply call = sandbox.get("/api/v2/conversations/messages/c-waiting", token);

        JsonNode log = sandbox.control("GET", "/requests", null).json();

        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("method").asText()).isEqualTo("GET");
        assertThat(log.get(0).get("path").asText()).isEqualTo("/api/v2/conversations/messages/c-waiting");
        assertThat(log.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(log.get(0).get("clientId").asText()).isEqualTo("operator");
        assertThat(log.get(0).get("correlationId").asText()).isEqualTo(call.header("ININ-Correlation-ID"));
    }

    @Test
    void aCountedFaultFailsTheNextMatchingRequestsThenStops() {
        sandbox.control("PUT", "/faults", "{\"status\": 503, \"count\": 2, \"pathPattern\": \"/disconnect$\"}");

        assertThat(sandbox.get("/api/v2/tokens/me", token).status()).as("not matching").isEqualTo(200);
        RunningSandbox.Reply first = sandbox.post("/api/v2/conversations/c-waiting/disconnect", token, "");
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.json().get("code").asText()).isEqualTo("service.unavailable");
        assertThat(first.header("ININ-Correlation-ID")).isNotBlank();
        assertThat(sandbox.post("/api/v2/conversations/c-waiting/disconnect", token, "").status()).isEqualTo(503);
        assertThat(sandbox.controlConversation("c-waiting").get("ended").asBoolean()).as("failed calls change nothing").isFalse();
        assertThat(sandbox.post("/api/v2/conversations/c-waiting/disconnect", token, "").status()).isEqualTo(202);
    }

    @Test
    void anErrorRateFailsASeededShareOfRequests() {
        List<Integer> firstRun = statusesUnderErrorRate();
        List<Integer> secondRun = statusesUnderErrorRate();

        assertThat(firstRun).contains(500, 200);
        assertThat(firstRun).isEqualTo(secondRun);
    }

    private List<Integer> statusesUnderErrorRate() {
        sandbox.control("PUT", "/faults", "{\"status\": 500, \"errorRate\": 0.5, \"pathPattern\": \"tokens/me\"}");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(sandbox.get("/api/v2/tokens/me", token).status());
        }
        return statuses;
    }

    @Test
    void clearedFaultsStopFailing() {
        sandbox.control("PUT", "/faults", "{\"status\": 503, \"count\": 5}");
        sandbox.control("DELETE", "/faults", null);

        assertThat(sandbox.get("/api/v2/tokens/me", token).status()).isEqualTo(200);
    }

    @Test
    void anInvalidFaultIsRefused() {
        assertThat(sandbox.control("PUT", "/faults", "{\"errorRate\": 2}").status()).isEqualTo(400);
        assertThat(sandbox.control("PUT", "/faults", "{\"pathPattern\": \"(\"}").status()).isEqualTo(400);
    }

    @Test
    void settingsCanBeReadAndChangedButNotInventedNames() {
        RunningSandbox.Reply changed = sandbox.control("PATCH", "/settings", "{\"loopIntervalSeconds\": 30}");

        assertThat(changed.json().get("loopIntervalSeconds").asInt()).isEqualTo(30);
        assertThat(sandbox.control("GET", "/settings", null).json().get("rateLimitPerMinute").asInt()).isEqualTo(1000);
        RunningSandbox.Reply bad = sandbox.control("PATCH", "/settings", "{\"loopInterval\": 30}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).startsWith("settings.loopInterval: unknown field");
    }

    @Test
    void queueStatsCountWaitingPerQueue() {
        JsonNode support = sandbox.queueStats("q-support");

        assertThat(support.get("name").asText()).isEqualTo("Support");
        assertThat(support.get("waiting").asInt()).as("waiting, looping, offered").isEqualTo(3);
        assertThat(support.get("lingering").asInt()).isZero();
        assertThat(sandbox.queueStats("q-billing").get("waiting").asInt()).as("the orphan").isEqualTo(1);
    }
}
