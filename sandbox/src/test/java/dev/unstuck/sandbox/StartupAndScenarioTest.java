package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starting, stopping, and what a scenario may and may not say. */
class StartupAndScenarioTest {
    private static SandboxOptions manual(String scenario) {
        return SandboxOptions.defaults().withPort(0).withClock(ClockMode.MANUAL).withScenario(scenario);
    }

    private static void assertInvalid(String scenario, String message) {
        assertThatThrownBy(() -> Sandbox.start(manual(scenario)).close())
                .isInstanceOf(ScenarioException.class)
                .hasMessage(message);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        SandboxOptions d = SandboxOptions.defaults();

        assertThat(d.port()).as("not serve's 8080").isEqualTo(8089);
        assertThat(d.clock()).isEqualTo(ClockMode.REAL);
        assertThat(d.scenario()).isEmpty();
    }

    @Test
    void withoutAScenarioTheOrgHasOneAdminClient() {
        try (RunningSandbox s = new RunningSandbox("{}")) {
            // "{}" is a scenario too: an empty org without clients.
            assertThat(s.tokenRequest("admin", "admin-secret", "client_credentials").status()).isEqualTo(401);
        }
        try (Sandbox s = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.MANUAL))) {
            RunningSandbox.Reply r = new RunningSandbox(s.baseUri()).tokenRequest("admin", "admin-secret", "client_credentials");
            assertThat(r.status()).isEqualTo(200);
        }
    }

    @Test
    void theBaseUriIsLoopbackWithoutTrailingSlash() {
        try (Sandbox s = Sandbox.start(manual("{}"))) {
            assertThat(s.baseUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
        }
    }

    @Test
    void aTakenPortFailsWithTheBindException() {
        try (Sandbox first = Sandbox.start(manual("{}"))) {
            int port = first.baseUri().getPort();
            assertThatThrownBy(() -> Sandbox.start(manual("{}").withPort(port)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasRootCauseInstanceOf(BindException.class)
                    .hasMessageContaining(Integer.toString(port));
        }
    }

    @Test
    void theDemoScenarioLoadsWithEveryGuestKind() throws IOException {
        String demo = Files.readString(Path.of("scenarios/demo.json"));
        try (RunningSandbox s = new RunningSandbox(demo)) {
            JsonNode summary = s.control("GET", "/scenario", null).json();
            assertThat(summary.get("conversations").findValuesAsText("kind"))
                    .contains("waiting", "looping", "orphaned", "live-agent", "offered", "acw", "ended");
            assertThat(summary.get("conversations").size()).isBetween(20, 30);
            assertThat(summary.get("queues")).hasSize(3);
            String token = s.token("unstuck-demo", "demo-secret");
            assertThat(s.get("/api/v2/routing/queues", token).json().get("total").asInt()).isEqualTo(3);
            String limited = s.token("no-disconnect", "no-disconnect-secret");
            String id = summary.get("conversations").get(0).get("id").asText();
            RunningSandbox.Reply denied = s.post("/api/v2/conversations/" + id + "/disconnect", limited, "");
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.json().get("messageParams").toString()).contains("conversation:communication:disconnect");
        }
    }

    @Test
    void anUnknownKindSaysWhereAndWhatIsExpected() {
        assertInvalid("{\"queues\": [{\"name\": \"Q\"}], \"guests\": [{\"kind\": \"waiting\"}, {\"kind\": \"stuck\"}]}",
                "guests[1].kind: unknown kind \"stuck\" (expected one of waiting, looping, orphaned, live-agent, offered, acw, ended, ghost)");
    }

    @Test
    void anUnknownQueueIsNamed() {
        assertInvalid("{\"queues\": [{\"name\": \"Q\"}], \"guests\": [{\"kind\": \"waiting\", \"queue\": \"Nope\"}]}",
                "guests[0].queue: no queue named \"Nope\"");
    }

    @Test
    void anAgentKindNeedsAnAgent() {
        assertInvalid("{\"queues\": [{\"name\": \"Q\"}], \"guests\": [{\"kind\": \"live-agent\"}]}",
                "guests[0].agent: is required for a live-agent guest: the scenario has no agents");
    }

    @Test
    void aClientsRoleMustExist() {
        assertInvalid("{\"oauthClients\": [{\"id\": \"c\", \"secret\": \"s\", \"roles\": [\"ghost\"]}]}",
                "oauthClients[0].roles[0]: no role named \"ghost\"");
    }

    @Test
    void aPermissionMustHaveThreeParts() {
        assertInvalid("{\"roles\": [{\"name\": \"r\", \"permissions\": [\"conversation:view\"]}]}",
                "roles[0].permissions[0]: \"conversation:view\" is not a permission domain:entity:action");
    }

    @Test
    void loopingPassesStayBelowTheInQueueFlowCap() {
        assertInvalid("{\"queues\": [{\"name\": \"Q\"}], \"guests\": [{\"kind\": \"looping\", \"passes\": 11}]}",
                "guests[0].passes: 11 is out of range (1..10)");
        assertInvalid("{\"settings\": {\"endAtInQueueFlowCap\": true}, \"queues\": [{\"name\": \"Q\"}],"
                        + " \"guests\": [{\"kind\": \"looping\", \"passes\": 10}]}",
                "guests[0].passes: 10 is out of range (1..9)");
    }

    @Test
    void aLabelIsUniqueEvenAcrossCounts() {
        assertInvalid("{\"queues\": [{\"name\": \"Q\"}], \"guests\": [{\"label\": \"a#2\", \"kind\": \"waiting\"},"
                        + " {\"label\": \"a\", \"kind\": \"waiting\", \"count\": 3}]}",
                "guests[1].label: \"a#2\" is given twice");
    }

    @Test
    void unknownFieldsAreRefused() {
        assertInvalid("{\"guest\": []}",
                "guest: unknown field (expected one of seed, org, settings, divisions, roles, oauthClients, users, flows, queues, agents, deployments, guests)");
    }

    @Test
    void brokenJsonIsReported() {
        assertThatThrownBy(() -> Sandbox.start(manual("{\"guests\": [")))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("scenario: not valid JSON");
    }

    @Test
    void theSameSeedGivesTheSameIds() {
        String scenario = "{\"seed\": 5, \"queues\": [{\"name\": \"Q\"}], \"guests\": [{\"kind\": \"waiting\"}]}";
        String first;
        try (RunningSandbox s = new RunningSandbox(scenario)) {
            first = s.control("GET", "/scenario", null).json().toString();
        }
        try (RunningSandbox s = new RunningSandbox(scenario)) {
            assertThat(s.control("GET", "/scenario", null).json().toString()).isEqualTo(first);
        }
    }
}
