package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue-position effect, teardown, conversation-wide disconnect, looping passes and the platform caps. */
class LifecycleTest {
    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/test-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    private final String token = sandbox.operatorToken();

    private JsonNode participant(String conversationId, String purpose, String state) {
        JsonNode c = sandbox.get("/api/v2/conversations/messages/" + conversationId, token).json();
        JsonNode found = null;
        for (JsonNode p : c.get("participants")) {
            if (p.get("purpose").asText().equals(purpose) && p.get("state").asText().equals(state)) {
                found = p;
            }
        }
        assertThat(found).as(purpose + " " + state + " in " + c).isNotNull();
        return found;
    }

    private java.util.List<JsonNode> participantsOf(String conversationId, String purpose) {
        java.util.List<JsonNode> found = new java.util.ArrayList<>();
        for (JsonNode p : sandbox.get("/api/v2/conversations/messages/" + conversationId, token).json().get("participants")) {
            if (p.get("purpose").asText().equals(purpose)) {
                found.add(p);
            }
        }
        return found;
    }

    private int patchLeg(String conversationId, String purpose) {
        String pid = participant(conversationId, purpose, "connected").get("id").asText();
        return sandbox.patch("/api/v2/conversations/messages/" + conversationId + "/participants/" + pid, token,
                "{\"state\":\"disconnected\"}").status();
    }

    @Test
    void endingTheCustomerLegFirstLeavesTheQueueEntryLingeringForTheCleanupDelay() {
        assertThat(sandbox.queueStats("q-support").get("waiting").asInt()).isEqualTo(3);

        assertThat(patchLeg("c-waiting", "customer")).isEqualTo(202);

        JsonNode c = sandbox.controlConversation("c-waiting");
        assertThat(c.get("lingering").asBoolean()).isTrue();
        assertThat(c.get("waiting").asBoolean()).isTrue();
        assertThat(sandbox.queueStats("q-support").get("waiting").asInt()).isEqualTo(3);
        assertThat(sandbox.queueStats("q-support").get("lingering").asInt()).isEqualTo(1);

        sandbox.advance(179);
        assertThat(sandbox.controlConversation("c-waiting").get("lingering").asBoolean()).isTrue();
        sandbox.advance(1);

        c = sandbox.controlConversation("c-waiting");
        assertThat(c.get("lingering").asBoolean()).isFalse();
        assertThat(c.get("waiting").asBoolean()).isFalse();
        assertThat(c.get("ended").asBoolean()).isTrue();
        assertThat(sandbox.queueStats("q-support").get("waiting").asInt()).isEqualTo(2);
    }

    @Test
    void endingTheQueueLegFirstFreesTheQueueEntryAtOnce() {
        assertThat(patchLeg("c-waiting", "acd")).isEqualTo(202);
        assertThat(patchLeg("c-waiting", "customer")).isEqualTo(202);

        JsonNode c = sandbox.controlConversation("c-waiting");
        assertThat(c.get("lingering").asBoolean()).isFalse();
        assertThat(c.get("waiting").asBoolean()).isFalse();
        assertThat(c.get("ended").asBoolean()).isTrue();
        assertThat(sandbox.queueStats("q-support").get("waiting").asInt()).isEqualTo(2);
    }

    @Test
    void disconnectingTheWholeConversationByPatchAlsoLingers() {
        RunningSandbox.Reply r = sandbox.patch("/api/v2/conversations/messages/c-waiting", token, "{\"state\":\"disconnected\"}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo("c-waiting");
        assertThat(r.json().has("endTime")).isTrue();
        assertThat(sandbox.controlConversation("c-waiting").get("lingering").asBoolean()).isTrue();
        sandbox.advance(180);
        assertThat(sandbox.controlConversation("c-waiting").get("waiting").asBoolean()).isFalse();
    }

    @Test
    void disconnectingAnEndedConversationConflicts() {
        RunningSandbox.Reply r = sandbox.patch("/api/v2/conversations/messages/c-ended", token, "{\"state\":\"disconnected\"}");

        assertThat(r.status()).isEqualTo(409);
    }

    @Test
    void theCleanupDelayIsASetting() {
        sandbox.control("PATCH", "/settings", "{\"queueCleanupDelaySeconds\": 10}");
        patchLeg("c-waiting", "customer");

        sandbox.advance(10);

        assertThat(sandbox.controlConversation("c-waiting").get("waiting").asBoolean()).isFalse();
    }

    @Test
    void teardownEndsEveryLegFreesTheQueueAndAppliesTheSystemWrapup() {
        RunningSandbox.Reply r = sandbox.post("/api/v2/conversations/c-acw/disconnect", token, "");

        assertThat(r.status()).isEqualTo(202);
        JsonNode agent = participant("c-acw", "agent", "disconnected");
        assertThat(agent.get("wrapup").get("code").asText()).isEqualTo("ININ-WRAP-UP-TIMEOUT");
        assertThat(agent.has("endAcwTime")).isTrue();
        JsonNode c = sandbox.controlConversation("c-acw");
        assertThat(c.get("ended").asBoolean()).isTrue();
        RunningSandbox.Reply wrap = sandbox.get("/api/v2/conversations/c-acw/participants/" + agent.get("id").asText() + "/wrapup", token);
        assertThat(wrap.status()).isEqualTo(200);
        assertThat(wrap.json().get("code").asText()).isEqualTo("ININ-WRAP-UP-TIMEOUT");
    }

    @Test
    void teardownOfAWaitingGuestFreesTheQueueEntryAtOnce() {
        assertThat(sandbox.post("/api/v2/conversations/c-waiting/disconnect", token, "").status()).isEqualTo(202);

        JsonNode c = sandbox.controlConversation("c-waiting");
        assertThat(c.get("waiting").asBoolean()).isFalse();
        assertThat(c.get("lingering").asBoolean()).isFalse();
        assertThat(c.get("participants").findValuesAsText("disconnectType")).contains("system");
    }

    @Test
    void teardownOfALiveAgentConversationGivesTheAgentTheSystemWrapup() {
        assertThat(sandbox.post("/api/v2/conversations/c-live/disconnect", token, "").status()).isEqualTo(202);

        assertThat(participant("c-live", "agent", "disconnected").get("wrapup").get("code").asText())
                .isEqualTo("ININ-WRAP-UP-TIMEOUT");
    }

    @Test
    void deleteTearsDownWith204() {
        assertThat(sandbox.delete("/api/v2/conversations/c-orphan", token).status()).isEqualTo(204);

        assertThat(sandbox.controlConversation("c-orphan").get("ended").asBoolean()).isTrue();
        assertThat(sandbox.queueStats("q-billing").get("waiting").asInt()).isZero();
    }

    @Test
    void givingTheWrapupEndsAfterCallWork() {
        String agent = participant("c-acw", "agent", "disconnected").get("id").asText();

        RunningSandbox.Reply r = sandbox.patch("/api/v2/conversations/c-acw/participants/" + agent, token,
                "{\"wrapup\": {\"code\": \"Resolved\", \"notes\": \"done\"}}");

        assertThat(r.status()).isEqualTo(202);
        assertThat(sandbox.controlConversation("c-acw").get("participants").get(3).get("pendingWrapup").asBoolean()).isFalse();
    }

    @Test
    void anOfferRingsOnAfterTheGuestAndItsQueueLegAreEndedUntilTheOfferIsEndedItself() {
        // Nothing documented withdraws a ringing offer when the guest goes, so the sandbox does not either (docs/fidelity.md).
        assertThat(patchLeg("c-offered", "acd")).isEqualTo(202);
        assertThat(patchLeg("c-offered", "customer")).isEqualTo(202);
        sandbox.advance(600);

        String offer = participant("c-offered", "agent", "alerting").get("id").asText();
        assertThat(sandbox.controlConversation("c-offered").get("ended").asBoolean()).isFalse();

        assertThat(sandbox.patch("/api/v2/conversations/messages/c-offered/participants/" + offer, token,
                "{\"state\":\"disconnected\"}").status()).isEqualTo(202);
        sandbox.advance(600);

        assertThat(participantsOf("c-offered", "agent")).extracting(p -> p.get("state").asText()).containsExactly("disconnected");
        assertThat(sandbox.controlConversation("c-offered").get("ended").asBoolean()).isTrue();
    }

    @Test
    void anAgentEndedByPatchGoesToAfterCallWork() {
        assertThat(patchLeg("c-live", "agent")).isEqualTo(202);

        JsonNode agent = participant("c-live", "agent", "disconnected");
        assertThat(agent.get("wrapupRequired").asBoolean()).isTrue();
        assertThat(agent.has("wrapup")).isFalse();
    }

    @Test
    void aLoopingGuestMakesOneMorePassEveryLoopInterval() {
        assertThat(sandbox.controlConversation("c-looping").get("flowPasses").asInt()).isEqualTo(6);

        sandbox.advance(120);
        JsonNode mid = sandbox.controlConversation("c-looping");
        assertThat(mid.get("flowPasses").asInt()).isEqualTo(7);
        assertThat(mid.get("waiting").asBoolean()).as("in the flow, not queued").isFalse();

        sandbox.advance(5);
        JsonNode after = sandbox.controlConversation("c-looping");
        assertThat(after.get("participants")).hasSize(1 + 2 * 7);
        assertThat(after.get("waiting").asBoolean()).isTrue();
    }

    @Test
    void atTheInQueueFlowCapTheGuestWaitsOnWithoutNewFlows() {
        sandbox.advance(4 * 120 + 5);
        JsonNode atCap = sandbox.controlConversation("c-looping");
        assertThat(atCap.get("flowPasses").asInt()).isEqualTo(10);
        assertThat(atCap.get("waiting").asBoolean()).isTrue();

        sandbox.advance(5 * 120);

        JsonNode later = sandbox.controlConversation("c-looping");
        assertThat(later.get("flowPasses").asInt()).as("no eleventh flow").isEqualTo(10);
        assertThat(later.get("participants")).hasSize(1 + 2 * 10);
        assertThat(later.get("ended").asBoolean()).isFalse();
        assertThat(later.get("waiting").asBoolean()).as("still in the queue").isTrue();
        JsonNode acd = participant("c-looping", "acd", "connected");
        assertThat(acd.get("startTime").asText()).as("the same queue wait as at the cap")
                .isEqualTo(participantsOf("c-looping", "acd").get(9).get("startTime").asText());
    }

    @Test
    void aRequeueAtTheInQueueFlowCapGoesStraightBackToTheQueue() {
        sandbox.advance(4 * 120 + 5);
        sandbox.control("POST", "/conversations/c-looping/actions", "{\"action\": \"connectAgent\"}");

        sandbox.control("POST", "/conversations/c-looping/actions", "{\"action\": \"requeue\"}");

        JsonNode c = sandbox.controlConversation("c-looping");
        assertThat(c.get("flowPasses").asInt()).isEqualTo(10);
        assertThat(c.get("waiting").asBoolean()).isTrue();
        assertThat(participantsOf("c-looping", "acd")).hasSize(11);
    }

    @Test
    void withTheSettingThePlatformEndsALoopingGuestAtTheInQueueFlowCap() {
        sandbox.control("PATCH", "/settings", "{\"endAtInQueueFlowCap\": true}");
        sandbox.advance(3 * 120 + 5);
        assertThat(sandbox.controlConversation("c-looping").get("ended").asBoolean()).isFalse();

        sandbox.advance(120);

        JsonNode c = sandbox.controlConversation("c-looping");
        assertThat(c.get("flowPasses").asInt()).isEqualTo(10);
        assertThat(c.get("ended").asBoolean()).isTrue();
        assertThat(c.get("waiting").asBoolean()).isFalse();
        assertThat(c.get("participants").findValuesAsText("disconnectType")).contains("system");
    }

    @Test
    void thePlatformEndsALoopingGuestAtTheCommunicationsCap() {
        sandbox.control("PATCH", "/settings", "{\"maxCommunications\": 15}");

        sandbox.advance(120 + 5);

        JsonNode c = sandbox.controlConversation("c-looping");
        assertThat(c.get("participants")).hasSize(15);
        assertThat(c.get("ended").asBoolean()).isTrue();
    }

    @Test
    void thePlatformEndsALoopingGuestAtTheSegmentCap() {
        sandbox.control("PATCH", "/settings", "{\"maxSegments\": 14}");

        sandbox.advance(120);

        assertThat(sandbox.controlConversation("c-looping").get("ended").asBoolean()).isTrue();
    }
}
