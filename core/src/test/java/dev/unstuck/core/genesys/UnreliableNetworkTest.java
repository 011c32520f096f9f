package dev.unstuck.core.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.core.sandbox.SandboxFixture;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client against the network's failures, injected by the sandbox: what never answers, stalls,
 * answers HTML or half a JSON, or applies a PATCH and answers too late. Timeouts are short settings;
 * the sandbox lets its held requests go when the faults are cleared, so nothing waits a hold out.
 */
class UnreliableNetworkTest {

    /** Short for a test, long enough for a healthy answer on a busy machine. */
    private static final Duration SHORT = Duration.ofSeconds(2);

    private final List<CallRecord> calls = new CopyOnWriteArrayList<>();

    private GenesysClient client(ClientSettings settings) {
        GenesysClient client = sandbox.client("core-operator", "operator-secret", settings);
        client.onCall(calls::add);
        return client;
    }

    private static ClientSettings quick() {
        return ClientSettings.defaults().withRequestsPerMinute(60_000).withRequestTimeout(SHORT).withConnectTimeout(SHORT);
    }

    private String customerLeg(String conversationId) {
        for (JsonNode p : sandbox.conversation(conversationId).path("participants")) {
            if (p.path("purpose").asText().equals("customer")) {
                return p.path("id").asText();
            }
        }
        throw new IllegalStateException("no customer leg");
    }

    private String customerState(String conversationId) {
        for (JsonNode p : sandbox.conversation(conversationId).path("participants")) {
            if (p.path("purpose").asText().equals("customer")) {
                return p.path("state").asText();
            }
        }
        throw new IllegalStateException("no customer leg");
    }

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.engineScenario();

    @Test
    void aServerThatNeverAnswersIsGivenUpOnAtTheRequestTimeoutAndNotRetriedPastGiveUpAfter() {
        String id = sandbox.conversationId("waiting-1");
        GenesysClient client = client(quick().withGiveUpAfter(Duration.ZERO));
        client.conversation(id); // token first, so only the conversation's attempts count below
        calls.clear();
        sandbox.faults("{\"errorRate\": 1, \"kind\": \"noAnswer\", \"pathPattern\": \"/conversations/messages/\"}");

        assertThatThrownBy(() -> client.conversation(id))
                .isInstanceOfSatisfying(GenesysUnreachableException.class, e -> {
                    assertThat(e.affectsEveryCall()).isTrue();
                    assertThat(e.mayHaveBeenApplied()).as("a GET changes nothing").isFalse();
                })
                .hasMessageContaining("no answer within 2 s");
        assertThat(calls).as("five attempts allowed, but no retry starts past giveUpAfter").hasSize(1);
        sandbox.control().clearFaults();
    }

    @Test
    void aServerThatNeverAnswersIsRetriedWhileGiveUpAfterLasts() {
        String id = sandbox.conversationId("waiting-1");
        GenesysClient client = client(quick().withMaxAttempts(3).withGiveUpAfter(Duration.ofMinutes(5)));
        client.conversation(id);
        calls.clear();
        sandbox.faults("{\"errorRate\": 1, \"kind\": \"noAnswer\", \"pathPattern\": \"/conversations/messages/\"}");

        assertThatThrownBy(() -> client.conversation(id)).isInstanceOf(GenesysUnreachableException.class);

        assertThat(calls).extracting(CallRecord::status).containsExactly(0, 0, 0);
        sandbox.control().clearFaults();
    }

    @Test
    void aBodyThatStallsAfterItsHeadersFailsAtTheRequestTimeout() {
        String id = sandbox.conversationId("waiting-1");
        GenesysClient client = client(quick().withMaxAttempts(1));
        sandbox.faults("{\"errorRate\": 1, \"kind\": \"stalledBody\", \"pathPattern\": \"/conversations/messages/\"}");

        assertThatThrownBy(() -> client.conversation(id))
                .isInstanceOf(GenesysUnreachableException.class)
                .hasMessageContaining("body stalled");
        sandbox.control().clearFaults();
    }

    @Test
    void anHtmlPageInsteadOfJsonIsAnUnexpectedAnswerNotAConversation() {
        String id = sandbox.conversationId("waiting-1");
        GenesysClient client = client(quick());
        client.conversation(id);
        sandbox.faults("{\"errorRate\": 1, \"kind\": \"html\", \"status\": 200, \"pathPattern\": \"/conversations/messages/\"}");

        assertThatThrownBy(() -> client.conversation(id))
                .isInstanceOfSatisfying(GenesysUnexpectedAnswerException.class, e -> assertThat(e.affectsEveryCall()).isTrue())
                .hasMessageContaining("not JSON")
                .hasMessageContaining("text/html")
                .hasMessageContaining("region or base URL");
    }

    @Test
    void anHtmlErrorPageIsAnUnexpectedAnswerEvenWithA404() {
        String id = sandbox.conversationId("waiting-1");
        GenesysClient client = client(quick());
        client.conversation(id);
        sandbox.faults("{\"errorRate\": 1, \"kind\": \"html\", \"status\": 404, \"pathPattern\": \"/conversations/messages/\"}");

        assertThatThrownBy(() -> client.conversation(id))
                .as("a 404 without Genesys' error body says nothing about the conversation")
                .isInstanceOfSatisfying(GenesysUnexpectedAnswerException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void truncatedJsonIsAnUnexpectedAnswer() {
        String id = sandbox.conversationId("waiting-1");
        GenesysClient client = client(quick());
        client.conversation(id);
        sandbox.faults("{\"errorRate\": 1, \"kind\": \"truncatedJson\", \"pathPattern\": \"/conversations/messages/\"}");

        assertThatThrownBy(() -> client.conversation(id))
                .isInstanceOf(GenesysUnexpectedAnswerException.class)
                .hasMessageContaining("ends too early");
    }

    @Test
    void aPatchAppliedButAnsweredTooLateIsReportedAsMaybeApplied() {
        String id = sandbox.conversationId("waiting-1");
        String leg = customerLeg(id);
        GenesysClient client = client(quick().withMaxAttempts(1));
        client.conversation(id);
        sandbox.faults("{\"errorRate\": 1, \"kind\": \"appliedLate\", \"pathPattern\": \"/participants/\"}");

        assertThatThrownBy(() -> client.disconnectParticipant(id, leg))
                .isInstanceOfSatisfying(GenesysUnreachableException.class, e -> assertThat(e.mayHaveBeenApplied()).isTrue())
                .hasMessageContaining("may have been applied");

        await().atMost(Duration.ofSeconds(5)).until(() -> customerState(id).equals("disconnected"));
        sandbox.control().clearFaults();
    }

    @Test
    void aPatchThatCouldNotConnectWasNeverApplied() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GenesysClient client = GenesysClient.create(Region.parse("http://127.0.0.1:" + port), new Credentials("id-1", "s"),
                quick().withMaxAttempts(2), d -> { }, Clock.systemUTC());

        assertThatThrownBy(() -> client.disconnectParticipant("c1", "p1"))
                .isInstanceOfSatisfying(GenesysUnreachableException.class, e -> assertThat(e.mayHaveBeenApplied()).isFalse());
    }

    @Test
    void aLoginServiceThatAnswers404IsAWrongRegionNotAConversationNotFound() {
        String id = sandbox.conversationId("waiting-1");
        GenesysClient client = client(quick());
        sandbox.faults("{\"errorRate\": 1, \"status\": 404, \"pathPattern\": \"/oauth/token\"}");

        assertThatThrownBy(() -> client.conversation(id))
                .isInstanceOfSatisfying(GenesysLoginException.class,
                        e -> assertThat(e.reason()).isEqualTo(GenesysLoginException.Reason.NOT_A_LOGIN_SERVICE))
                .hasMessageContaining("/oauth/token answered 404")
                .hasMessageContaining("check the region");
    }

    @Test
    void aLoginPageInHtmlIsAWrongRegion() {
        GenesysClient client = client(quick());
        sandbox.faults("{\"errorRate\": 1, \"kind\": \"html\", \"status\": 200, \"pathPattern\": \"/oauth/token\"}");

        assertThatThrownBy(() -> client.conversation(sandbox.conversationId("waiting-1")))
                .isInstanceOfSatisfying(GenesysLoginException.class,
                        e -> assertThat(e.reason()).isEqualTo(GenesysLoginException.Reason.NOT_A_LOGIN_SERVICE));
    }

    @Test
    void aConversationGenesysDoesNotKnowIsEmptyWithAValidToken() {
        assertThat(client(quick()).conversation("00000000-0000-4000-8000-000000000000")).isEmpty();
    }

    @Test
    void rejectedCredentialsAreAskedForOnceThenEveryCallMeetsTheSameRejection() {
        GenesysClient client = client(quick());
        GenesysClient wrong = sandbox.client("core-operator", "not-the-secret", quick());
        wrong.onCall(calls::add);
        String id = sandbox.conversationId("waiting-1");

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> wrong.conversation(id))
                    .isInstanceOfSatisfying(GenesysLoginException.class, e -> {
                        assertThat(e.reason()).isEqualTo(GenesysLoginException.Reason.CREDENTIALS_REJECTED);
                        assertThat(e.affectsEveryCall()).isTrue();
                    })
                    .hasMessageContaining("core-operator")
                    .hasMessageNotContaining("not-the-secret");
        }
        assertThat(calls).extracting(CallRecord::path).containsExactly("/oauth/token");
        assertThat(client.conversation(id)).as("the right secret still works").isPresent();
    }
}
