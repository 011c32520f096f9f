package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The field's ghost: analytics shows a conversation open, waiting in its queue, while it has ended. */
class AnalyticsGhostsTest {
    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/analytics-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    private final SandboxClient control = new SandboxClient(sandbox.baseUri());
    private final String token = sandbox.token("analyst", "analyst-secret");

    private List<String> openInQueue(String queueId) {
        Instant now = sandbox.now();
        String body = """
                {"interval": "%s/%s", "order": "asc", "paging": {"pageSize": 100, "pageNumber": 1},
                 "conversationFilters": [{"type": "and", "predicates": [{"type": "dimension", "dimension": "conversationEnd", "operator": "notExists"}]}],
                 "segmentFilters": [{"type": "and", "predicates": [
                   {"type": "dimension", "dimension": "purpose", "operator": "matches", "value": "acd"},
                   {"type": "dimension", "dimension": "queueId", "operator": "matches", "value": "%s"},
                   {"type": "dimension", "dimension": "segmentEnd", "operator": "notExists"}]}]}
                """.formatted(now.minusSeconds(86400), now.plusSeconds(60), queueId);
        List<String> ids = new ArrayList<>();
        sandbox.post("/api/v2/analytics/conversations/details/query", token, body).json().path("conversations")
                .forEach(c -> ids.add(c.get("conversationId").asText()));
        return ids;
    }

    private List<String> legStates(String id) {
        List<String> states = new ArrayList<>();
        sandbox.get("/api/v2/conversations/messages/" + id, token).json().get("participants")
                .forEach(p -> states.add(p.get("purpose").asText() + ":" + p.get("state").asText()));
        return states;
    }

    @Test
    void aGhostIsOpenInAnalyticsWithAnOpenQueueSegmentWhileEveryLegHasEnded() {
        control.addGuests("{\"id\": \"c-ghost\", \"label\": \"ghost-1\", \"kind\": \"ghost\", \"queue\": \"Billing\", \"ageSeconds\": 3600}");
        sandbox.advance(60);

        assertThat(openInQueue("q-billing")).contains("c-ghost");
        assertThat(legStates("c-ghost")).containsExactly("customer:disconnected", "workflow:disconnected", "acd:disconnected");
        JsonNode record = sandbox.get("/api/v2/analytics/conversations/c-ghost/details", token).json();
        assertThat(record.has("conversationEnd")).isFalse();
        JsonNode acdSegment = record.get("participants").get(2).get("sessions").get(0).get("segments").get(0);
        assertThat(acdSegment.has("segmentEnd")).isFalse();
        // The field's "2 match, 0 waiting": the queue itself counts no one.
        assertThat(sandbox.queueStats("q-billing").get("waiting").asInt()).isEqualTo(1); // the orphan of the scenario, not the ghost
        assertThat(control.conversation("c-ghost").path("ended").asBoolean()).isTrue();
        assertThat(control.conversation("c-ghost").path("analyticsFrozen").asBoolean()).isTrue();
    }

    @Test
    void aGhostStaysOpenInAnalyticsForEver() {
        control.addGuests("{\"id\": \"c-ghost\", \"kind\": \"ghost\", \"ageSeconds\": 600}");

        sandbox.advance(3 * 86400);

        assertThat(sandbox.get("/api/v2/analytics/conversations/c-ghost/details", token).json().has("conversationEnd")).isFalse();
    }

    @Test
    void freezingAConversationsAnalyticsThenEndingItLeavesAGhost() {
        control.freezeAnalytics("c-waiting");
        assertThat(sandbox.patch("/api/v2/conversations/messages/c-waiting", token, "{\"state\": \"disconnected\"}").status())
                .isEqualTo(200);
        sandbox.advance(600);

        assertThat(legStates("c-waiting")).allMatch(s -> s.endsWith(":disconnected"));
        assertThat(openInQueue("q-support")).contains("c-waiting");
        assertThat(sandbox.get("/api/v2/analytics/conversations/c-waiting/details", token).json().has("conversationEnd")).isFalse();
    }

    @Test
    void anUnfrozenConversationEndsInAnalyticsToo() {
        assertThat(sandbox.patch("/api/v2/conversations/messages/c-waiting", token, "{\"state\": \"disconnected\"}").status())
                .isEqualTo(200);
        sandbox.advance(600);

        assertThat(openInQueue("q-support")).doesNotContain("c-waiting");
    }

    @Test
    void freezingTwiceIsRefused() {
        control.freezeAnalytics("c-waiting");

        assertThatThrownBy(() -> control.freezeAnalytics("c-waiting"))
                .isInstanceOfSatisfying(SandboxClient.ControlError.class, e -> assertThat(e.status()).isEqualTo(409));
    }
}
