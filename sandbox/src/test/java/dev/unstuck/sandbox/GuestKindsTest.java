package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each guest kind shows the participants docs/sandbox.md promises, in order of arrival. */
class GuestKindsTest {
    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/test-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    private final String token = sandbox.operatorToken();

    private JsonNode messages(String id) {
        RunningSandbox.Reply r = sandbox.get("/api/v2/conversations/messages/" + id, token);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    /** "purpose:state" of each participant, in order. */
    private List<String> legs(String id) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : messages(id).get("participants")) {
            out.add(p.get("purpose").asText() + ":" + p.get("state").asText());
        }
        return out;
    }

    @Test
    void aWaitingGuestHasCustomerFlowAndAWaitingQueueLeg() {
        assertThat(legs("c-waiting")).containsExactly("customer:connected", "workflow:disconnected", "acd:connected");
        JsonNode ps = messages("c-waiting").get("participants");
        assertThat(ps.get(1).get("disconnectType").asText()).isEqualTo("transfer");
        assertThat(ps.get(2).get("queue").get("id").asText()).isEqualTo("q-support");
        assertThat(ps.get(0).get("type").asText()).isEqualTo("webmessaging");
    }

    @Test
    void aLoopingGuestHasOneFlowAndOneQueueLegPerPass() {
        List<String> legs = legs("c-looping");

        assertThat(legs).hasSize(1 + 2 * 6);
        assertThat(legs.stream().filter(l -> l.startsWith("workflow:")).count()).isEqualTo(6);
        assertThat(legs).filteredOn(l -> l.equals("acd:connected")).hasSize(1);
        assertThat(legs.get(legs.size() - 1)).isEqualTo("acd:connected");
    }

    @Test
    void anOrphanedGuestIsGoneWhileItsQueueLegWaits() {
        assertThat(legs("c-orphan")).containsExactly("customer:disconnected", "workflow:disconnected", "acd:connected");
        assertThat(messages("c-orphan").get("participants").get(0).get("disconnectType").asText()).isEqualTo("client");
    }

    @Test
    void aLiveAgentGuestTalksToAConnectedAgent() {
        assertThat(legs("c-live")).containsExactly("customer:connected", "workflow:disconnected", "acd:disconnected",
                "agent:connected");
        JsonNode agent = messages("c-live").get("participants").get(3);
        assertThat(agent.get("user").get("id").asText()).isEqualTo("u-ana");
        assertThat(agent.get("wrapupRequired").asBoolean()).isTrue();
    }

    @Test
    void anOfferedGuestHasAnAlertingAgentWhileStillQueued() {
        assertThat(legs("c-offered")).containsExactly("customer:connected", "workflow:disconnected", "acd:connected",
                "agent:alerting");
    }

    @Test
    void anAcwGuestHasAnAgentPendingWrapup() {
        assertThat(legs("c-acw")).containsExactly("customer:connected", "workflow:disconnected", "acd:disconnected",
                "agent:disconnected");
        JsonNode agent = messages("c-acw").get("participants").get(3);
        assertThat(agent.get("wrapupRequired").asBoolean()).isTrue();
        assertThat(agent.has("wrapup")).isFalse();
        assertThat(agent.has("startAcwTime")).isTrue();
    }

    @Test
    void anEndedGuestHasEveryLegDisconnectedAndAnEndTime() {
        assertThat(legs("c-ended")).allMatch(l -> l.endsWith(":disconnected"));
        RunningSandbox.Reply c = sandbox.get("/api/v2/conversations/c-ended", token);
        assertThat(c.json().has("endTime")).isTrue();
    }

    @Test
    void theConversationApiKeepsStateUnderMessages() {
        RunningSandbox.Reply r = sandbox.get("/api/v2/conversations/c-waiting", token);

        assertThat(r.status()).isEqualTo(200);
        JsonNode acd = r.json().get("participants").get(2);
        assertThat(acd.has("state")).isFalse();
        assertThat(acd.get("purpose").asText()).isEqualTo("acd");
        assertThat(acd.get("queueId").asText()).isEqualTo("q-support");
        assertThat(acd.get("messages").get(0).get("state").asText()).isEqualTo("connected");
        assertThat(acd.get("messages").get(0).get("segments").get(0).get("type").asText()).isEqualTo("interact");
        assertThat(r.json().has("endTime")).isFalse();
    }

    @Test
    void waitingTimeMatchesTheGuestsAge() {
        JsonNode summary = sandbox.controlConversation("c-waiting");

        assertThat(summary.get("ageSeconds").asLong()).isEqualTo(5400);
        assertThat(summary.get("waiting").asBoolean()).isTrue();
    }

    @Test
    void theFlowPurposeIsASetting() {
        sandbox.control("PATCH", "/settings", "{\"flowPurpose\": \"ivr\"}");

        assertThat(legs("c-waiting")).containsExactly("customer:connected", "ivr:disconnected", "acd:connected");
    }
}
