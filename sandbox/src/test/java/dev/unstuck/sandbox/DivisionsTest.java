package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Roles are granted per division; a client sees and acts only on the queues and conversations of its divisions. */
class DivisionsTest {
    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/divisions-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    private final String emea = sandbox.token("emea-only", "emea-secret");

    private static List<String> values(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    private List<String> waiting(String token) {
        Instant now = Instant.parse(sandbox.control("GET", "/clock", null).json().get("now").asText());
        String body = """
                {"interval": "%s/%s", "paging": {"pageSize": 100, "pageNumber": 1},
                 "conversationFilters": [{"type": "and", "predicates": [{"dimension": "conversationEnd", "operator": "notExists"}]}]}
                """.formatted(now.minusSeconds(86400), now.plusSeconds(60));
        return values(sandbox.post("/api/v2/analytics/conversations/details/query", token, body).json().path("conversations"), "conversationId");
    }

    @Test
    void tokenInfoListsEachRoleWithTheDivisionItIsGrantedIn() {
        JsonNode grants = sandbox.get("/api/v2/tokens/me", emea).json().path("OAuthClient").path("roleDivisions");

        assertThat(grants).hasSize(1);
        assertThat(grants.get(0).path("roleId").asText()).isEqualTo("r-operator");
        assertThat(grants.get(0).path("divisionId").asText()).isEqualTo("d-emea");
    }

    @Test
    void everyClientListsEveryDivisionAndTheHomeOne() {
        RunningSandbox.Reply r = sandbox.get("/api/v2/authorization/divisions", emea);

        assertThat(r.status()).isEqualTo(200);
        assertThat(values(r.json().path("entities"), "name")).containsExactly("Home", "EMEA", "APAC");
        assertThat(sandbox.get("/api/v2/authorization/divisions/home", emea).json().path("id").asText()).isEqualTo("d-home");
    }

    @Test
    void theQueueListingLeavesOutQueuesOfOtherDivisionsButTheDigestShowsThem() {
        JsonNode listed = sandbox.get("/api/v2/routing/queues?pageSize=100", emea).json();
        JsonNode digest = sandbox.get("/api/v2/routing/queues/divisionviews/all?pageSize=100", emea).json();

        assertThat(values(listed.path("entities"), "id")).containsExactly("q-emea");
        assertThat(listed.path("total").asInt()).isEqualTo(1);
        assertThat(values(digest.path("entities"), "id")).containsExactly("q-home", "q-emea", "q-apac");
        assertThat(digest.path("entities").get(2).path("division").path("id").asText()).isEqualTo("d-apac");
    }

    @Test
    void analyticsLeavesOutConversationsOfOtherDivisions() {
        assertThat(waiting(emea)).containsExactly("c-emea");
        assertThat(waiting(sandbox.token("everywhere", "everywhere-secret"))).containsExactlyInAnyOrder("c-home", "c-emea", "c-apac");
    }

    @Test
    void aConversationOfAnotherDivisionIsRefusedToReadAndToEnd() {
        RunningSandbox.Reply read = sandbox.get("/api/v2/conversations/messages/c-apac", emea);
        RunningSandbox.Reply end = sandbox.post("/api/v2/conversations/c-apac/disconnect", emea, "");

        assertThat(read.status()).isEqualTo(403);
        assertThat(read.json().path("code").asText()).isEqualTo("missing.division.permission");
        assertThat(end.status()).isEqualTo(403);
        assertThat(end.json().path("messageParams").path("permissions").asText()).isEqualTo("conversation:communication:disconnect");
        assertThat(sandbox.controlConversation("c-apac").path("ended").asBoolean()).isFalse();
    }

    @Test
    void aConversationOfItsOwnDivisionIsReadAndEndedAndNamesItsDivision() {
        RunningSandbox.Reply read = sandbox.get("/api/v2/conversations/messages/c-emea", emea);
        JsonNode customer = read.json().path("participants").get(0);
        RunningSandbox.Reply end = sandbox.patch("/api/v2/conversations/messages/c-emea/participants/" + customer.path("id").asText(),
                emea, "{\"state\": \"disconnected\"}");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("divisions").get(1).path("division").path("id").asText()).isEqualTo("d-emea");
        assertThat(end.status()).isEqualTo(202);
    }

    private List<String> divisionIds(String conversationId) {
        List<String> ids = new ArrayList<>();
        sandbox.get("/api/v2/conversations/" + conversationId, sandbox.token("everywhere", "everywhere-secret")).json()
                .path("divisions").forEach(d -> ids.add(d.path("division").path("id").asText()));
        return ids;
    }

    @Test
    void aConversationLiesInTheDivisionOfEveryFlowQueueAndAgentThatTouchedIt() {
        List<String> waiting = divisionIds("c-emea");
        sandbox.control("POST", "/conversations/c-emea/actions", "{\"action\": \"connectAgent\", \"agent\": \"Bo\"}");
        List<String> answered = divisionIds("c-emea");
        sandbox.advance(30);
        String analyst = sandbox.token("everywhere", "everywhere-secret");
        JsonNode record = sandbox.get("/api/v2/analytics/conversations/c-emea/details", analyst).json();

        // The inbound message flow lies in Home, the queue in EMEA, the agent Bo in APAC.
        assertThat(waiting).containsExactly("d-home", "d-emea");
        assertThat(answered).containsExactly("d-home", "d-emea", "d-apac");
        assertThat(record.path("divisionIds")).hasSize(3);
        assertThat(record.path("divisionIds").toString()).contains("d-home", "d-emea", "d-apac");
    }

    @Test
    void byDefaultACallerMustReachEveryDivisionOfAConversation() {
        sandbox.control("POST", "/scenario", RunningSandbox.resource("/divisions-scenario.json")
                .replace("\"settings\": {\"divisionAccess\": \"any\"},", ""));
        String emeaOnly = sandbox.token("emea-only", "emea-secret");

        RunningSandbox.Reply read = sandbox.get("/api/v2/conversations/messages/c-emea", emeaOnly);

        // c-emea waits in an EMEA queue but its inbound flow lies in Home, where this client holds no role.
        assertThat(sandbox.control("GET", "/settings", null).json().path("divisionAccess").asText()).isEqualTo("all");
        assertThat(waiting(emeaOnly)).isEmpty();
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.json().path("code").asText()).isEqualTo("missing.division.permission");
        assertThat(waiting(sandbox.token("everywhere", "everywhere-secret"))).containsExactlyInAnyOrder("c-home", "c-emea", "c-apac");
    }

    @Test
    void withDivisionAccessAnyOneReachedDivisionIsEnough() {
        String emeaOnly = sandbox.token("emea-only", "emea-secret");

        assertThat(waiting(emeaOnly)).containsExactly("c-emea");
        assertThat(sandbox.get("/api/v2/conversations/messages/c-emea", emeaOnly).status()).isEqualTo(200);
        // Home-only reaches the flow's division of every conversation: with "any", it sees them all.
        assertThat(waiting(sandbox.token("home-only", "home-secret"))).containsExactlyInAnyOrder("c-home", "c-emea", "c-apac");
    }

    @Test
    void outsideDivisionStatusMakesTheRefusalA404() {
        sandbox.control("PATCH", "/settings", "{\"outsideDivisionStatus\": 404}");

        assertThat(sandbox.get("/api/v2/conversations/messages/c-apac", emea).status()).isEqualTo(404);
        assertThat(sandbox.get("/api/v2/routing/queues/q-apac", emea).status()).isEqualTo(404);
    }

    @Test
    void aQueueTopicOfAnotherDivisionIsRejected() {
        String channel = sandbox.post("/api/v2/notifications/channels", emea, "").json().path("id").asText();
        RunningSandbox.Reply r = sandbox.put("/api/v2/notifications/channels/" + channel + "/subscriptions?ignoreErrors=true", emea,
                "[{\"id\": \"v2.routing.queues.q-emea.conversations.messages\"}, {\"id\": \"v2.routing.queues.q-apac.conversations.messages\"}]");

        assertThat(values(r.json().path("entities"), "state")).containsExactly("Permitted", "Rejected");
    }

    @Test
    void theControlSummaryShowsDivisionsAndEachQueuesDivision() {
        JsonNode summary = sandbox.control("GET", "/scenario", null).json();

        assertThat(values(summary.path("divisions"), "name")).containsExactly("Home", "EMEA", "APAC");
        assertThat(values(summary.path("queues"), "divisionId")).containsExactly("d-home", "d-emea", "d-apac");
    }

    @Test
    void scenarioDivisionsAreChecked() {
        RunningSandbox.Reply r = sandbox.control("POST", "/scenario",
                "{\"divisions\": [{\"name\": \"A\"}], \"queues\": [{\"name\": \"Q\", \"division\": \"B\"}]}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("message").asText()).isEqualTo("queues[0].division: no division named \"B\"");
    }
}
