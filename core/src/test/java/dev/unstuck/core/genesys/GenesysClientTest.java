package dev.unstuck.core.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.conversation.LegState;
import dev.unstuck.core.conversation.Purpose;
import dev.unstuck.sandbox.junit.ManualClock;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's own rules, against a scripted server; the sandbox tests cover the realistic paths. */
class GenesysClientTest {

    private static final String CONVERSATION = "/api/v2/conversations/messages/c1";
    private static final String ERROR_403 = """
            {"message":"Unable to perform the requested action. You are missing the following permission(s): conversation:communication:disconnect",
             "code":"missing.permissions","status":403,
             "messageParams":{"permissions":"conversation:communication:disconnect"}}""";

    private final List<Duration> slept = new CopyOnWriteArrayList<>();
    private final List<CallRecord> calls = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final StubGenesys stub = new StubGenesys();

    private GenesysClient client(ClientSettings settings, Clock clock) throws Exception {
        GenesysClient client = GenesysClient.create(Region.parse(stub.baseUrl()), new Credentials("id-1", "s3cret"),
                settings, slept::add, clock);
        client.onCall(calls::add);
        return client;
    }

    private GenesysClient client() throws Exception {
        return client(ClientSettings.defaults().withRequestsPerMinute(60_000), Clock.systemUTC());
    }

    @Test
    void readsAMessagingConversationWithItsLegs() throws Exception {
        stub.answer("GET " + CONVERSATION, 200, """
                {"id":"c1","participants":[
                  {"id":"p1","purpose":"customer","state":"connected","startTime":"2026-11-24T18:00:00Z"},
                  {"id":"p2","purpose":"acd","state":"connected","queue":{"id":"q1","name":"Support"}},
                  {"id":"p3","purpose":"agent","state":"disconnected","user":{"id":"u1"},"wrapupRequired":true}]}""");

        Conversation conversation = client().conversation("c1").orElseThrow();

        assertThat(conversation.startTime()).contains(Instant.parse("2026-11-24T18:00:00Z"));
        assertThat(conversation.participants()).extracting(p -> p.purpose()).containsExactly(Purpose.CUSTOMER, Purpose.ACD, Purpose.AGENT);
        assertThat(conversation.participants().get(1).queueName()).contains("Support");
        assertThat(conversation.participants().get(2).wrapupPending()).isTrue();
        assertThat(conversation.participants().get(2).state()).isEqualTo(LegState.DISCONNECTED);
        assertThat(conversation.describe()).isEqualTo("customer:connected acd(Support):connected agent(u1):disconnected+acw");
    }

    @Test
    void anUnknownConversationIsEmptyNotAnError() throws Exception {
        assertThat(client().conversation("nope")).isEmpty();
    }

    @Test
    void aThrottledCallWaitsWhatRetryAfterSaysThenSucceeds() throws Exception {
        stub.answer("GET " + CONVERSATION, 429, "{\"code\":\"too.many.requests.retry.after\",\"message\":\"slow down\"}", Map.of("Retry-After", "7"))
                .answer("GET " + CONVERSATION, 200, "{\"id\":\"c1\",\"participants\":[]}");

        assertThat(client().conversation("c1")).isPresent();

        assertThat(slept).contains(Duration.ofSeconds(7));
        assertThat(calls).extracting(CallRecord::status).containsSubsequence(429, 200);
    }

    @Test
    void aRetryAfterAboveTheCeilingGivesUpAtOnceWithThe429() throws Exception {
        stub.answer("GET " + CONVERSATION, 429, "{\"code\":\"too.many.requests.retry.after\",\"message\":\"slow down\"}", Map.of("Retry-After", "600"));

        GenesysClient client = client(ClientSettings.defaults().withRequestsPerMinute(60_000).withRetryAfterCeiling(Duration.ofSeconds(60)), Clock.systemUTC());

        assertThatThrownBy(() -> client.conversation("c1"))
                .isInstanceOfSatisfying(GenesysException.class, e -> assertThat(e.status()).isEqualTo(429))
                .hasMessageContaining("Retry-After 600 s, ceiling 60 s");
        assertThat(stub.count("GET", CONVERSATION)).isEqualTo(1);
    }

    @Test
    void unavailableAnswersAreRetriedWithBackoffUpToMaxAttempts() throws Exception {
        stub.answer("GET " + CONVERSATION, 503, "{\"code\":\"service.unavailable\",\"message\":\"down\"}");
        GenesysClient client = client(ClientSettings.defaults().withRequestsPerMinute(60_000).withMaxAttempts(3), Clock.systemUTC());

        assertThatThrownBy(() -> client.conversation("c1"))
                .isInstanceOfSatisfying(GenesysException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo("service.unavailable");
                });
        assertThat(stub.count("GET", CONVERSATION)).isEqualTo(3);
        assertThat(slept.stream().filter(d -> d.compareTo(Duration.ofMillis(100)) >= 0)).hasSize(2);
    }

    @Test
    void conflictsAndForbiddenAreNeverRetried() throws Exception {
        String leg = "/api/v2/conversations/messages/c1/participants/p1";
        stub.answer("PATCH " + leg, 409, "{\"code\":\"general.conflict\",\"message\":\"conflict\"}");
        stub.answer("POST /api/v2/conversations/c1/disconnect", 403, ERROR_403);
        GenesysClient client = client();

        assertThatThrownBy(() -> client.disconnectParticipant("c1", "p1"))
                .isInstanceOfSatisfying(GenesysException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> client.teardown("c1"))
                .isInstanceOfSatisfying(GenesysException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.error().orElseThrow().messageParams()).containsEntry("permissions", "conversation:communication:disconnect");
                    assertThat(e.correlationId()).isPresent();
                });
        assertThat(stub.count("PATCH", leg)).isEqualTo(1);
        assertThat(stub.count("POST", "/api/v2/conversations/c1/disconnect")).isEqualTo(1);
    }

    @Test
    void theLegIsDisconnectedWithTheDocumentedBody() throws Exception {
        String leg = "/api/v2/conversations/messages/c1/participants/p1";
        stub.answer("PATCH " + leg, 202, "");

        client().disconnectParticipant("c1", "p1");

        assertThat(stub.seen()).filteredOn(s -> s.path().equals(leg)).singleElement()
                .satisfies(s -> assertThat(s.body()).isEqualTo("{\"state\":\"disconnected\"}"));
    }

    @Test
    void aDisconnectAndATeardownAnsweredOtherThan202ReportTheStatusAsItCame() throws Exception {
        String leg = "/api/v2/conversations/messages/c1/participants/p1";
        stub.answer("PATCH " + leg, 503, "{\"code\":\"service.unavailable\",\"message\":\"busy\"}")
                .answer("PATCH " + leg, 200, "");
        stub.answer("POST /api/v2/conversations/c1/disconnect", 204, "");
        GenesysClient client = client();

        CallRecord patched = client.disconnectParticipant("c1", "p1");
        CallRecord tornDown = client.teardown("c1");

        // The record is the exchange that succeeded (the retry's), not the 503 before it, and no 202 is assumed.
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.method()).isEqualTo("PATCH");
        assertThat(patched.correlationId()).isEqualTo(calls.stream().filter(c -> c.path().equals(leg)).reduce((a, b) -> b)
                .orElseThrow().correlationId());
        assertThat(tornDown.status()).isEqualTo(204);
        assertThat(tornDown.path()).isEqualTo("/api/v2/conversations/c1/disconnect");
        assertThat(tornDown.correlationId()).startsWith("corr-");
    }

    @Test
    void aRejectedTokenIsRenewedOnceAndTheCallRetried() throws Exception {
        stub.answer("GET " + CONVERSATION, 401, "{\"code\":\"credentials.expired\",\"message\":\"expired\"}")
                .answer("GET " + CONVERSATION, 200, "{\"id\":\"c1\",\"participants\":[]}");

        assertThat(client().conversation("c1")).isPresent();

        assertThat(stub.count("POST", "/oauth/token")).isEqualTo(2);
        assertThat(stub.seen()).filteredOn(s -> s.path().equals(CONVERSATION)).extracting(StubGenesys.Seen::authorization)
                .containsExactly("Bearer token-1", "Bearer token-2");
    }

    @Test
    void theTokenIsRenewedBeforeItExpires() throws Exception {
        stub.answer("GET " + CONVERSATION, 200, "{\"id\":\"c1\",\"participants\":[]}");
        ManualClock clock = new ManualClock(Instant.parse("2026-11-24T18:00:00Z"));
        GenesysClient client = client(ClientSettings.defaults().withRequestsPerMinute(60_000), clock);

        client.conversation("c1");
        client.conversation("c1");
        clock.move(Duration.ofHours(24).minusSeconds(30));
        client.conversation("c1");

        assertThat(stub.count("POST", "/oauth/token")).isEqualTo(2);
    }

    @Test
    void badCredentialsSayWhichClientAndNeverTheSecret() throws Exception {
        stub.answer("POST /oauth/token", 401, "{\"error\":\"invalid_client\",\"description\":\"authentication failed\",\"error_description\":\"authentication failed\"}");

        assertThatThrownBy(() -> client().conversation("c1"))
                .isInstanceOfSatisfying(GenesysException.class, e -> assertThat(e.code()).isEqualTo("invalid_client"))
                .hasMessageContaining("id-1")
                .hasMessageContaining("invalid_client")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aRefusalIsHeldForOrdinaryCallsButACredentialCheckAsksTheLoginServiceAgainAtOnce() throws Exception {
        stub.answer("POST /oauth/token", 400, "{\"error\":\"unauthorized_client\",\"description\":\"client is inactive\","
                        + "\"error_description\":\"client is inactive\"}")
                .answer("POST /oauth/token", 200, "{\"access_token\":\"token-after-fix\",\"token_type\":\"bearer\",\"expires_in\":86399}")
                .answer("GET /api/v2/tokens/me", 200, "{\"organization\":{\"id\":\"o1\",\"name\":\"Acme\"},"
                        + "\"OAuthClient\":{\"id\":\"id-1\",\"name\":\"service\",\"roleDivisions\":[]}}")
                .answer("GET " + CONVERSATION, 200, "{\"id\":\"c1\",\"participants\":[]}");
        GenesysClient client = client();

        assertThatThrownBy(() -> client.conversation("c1")).isInstanceOf(GenesysLoginException.class);
        assertThatThrownBy(() -> client.conversation("c1")).as("a batch meets the first refusal again").isInstanceOf(GenesysLoginException.class);
        assertThat(stub.count("POST", "/oauth/token")).isEqualTo(1);

        assertThat(client.tokenInfoOnNewToken().clientName()).isEqualTo("service");
        assertThat(client.conversation("c1")).isPresent();

        assertThat(stub.count("POST", "/oauth/token")).isEqualTo(2);
        assertThat(stub.seen()).filteredOn(s -> s.path().equals(CONVERSATION)).extracting(StubGenesys.Seen::authorization)
                .containsExactly("Bearer token-after-fix");
    }

    @Test
    void connectionRefusedNamesTheHostAndTheReason() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GenesysClient client = GenesysClient.create(Region.parse("http://127.0.0.1:" + port), new Credentials("id-1", "s"),
                ClientSettings.defaults().withMaxAttempts(2), slept::add, Clock.systemUTC());

        assertThatThrownBy(() -> client.conversation("c1"))
                .isInstanceOfSatisfying(GenesysUnreachableException.class, e -> assertThat(e.status()).isZero())
                .hasMessageStartingWith("cannot reach http://127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void aHostNameThatDoesNotResolveIsReportedAsSuchNotAsARefusedConnection() throws Exception {
        // .invalid never resolves (RFC 6761)
        GenesysClient client = GenesysClient.create(Region.parse("http://api.unstuck-test.invalid"), new Credentials("id-1", "s"),
                ClientSettings.defaults().withMaxAttempts(2), slept::add, Clock.systemUTC());

        assertThatThrownBy(() -> client.conversation("c1"))
                .isInstanceOfSatisfying(GenesysUnreachableException.class, e -> assertThat(e.status()).isZero())
                .hasMessageStartingWith("cannot reach http://api.unstuck-test.invalid: the host api.unstuck-test.invalid could not be resolved")
                .hasMessageNotContaining("refused");
    }

    @Test
    void everyExchangeIsRecordedWithItsCorrelationId() throws Exception {
        stub.answer("GET " + CONVERSATION, 200, "{\"id\":\"c1\",\"participants\":[]}");
        List<CallRecord> scoped = new CopyOnWriteArrayList<>();
        GenesysClient client = client();

        client.observing(scoped::add, () -> client.conversation("c1"));
        client.conversation("c1");

        assertThat(calls).extracting(CallRecord::path).containsExactly("/oauth/token", CONVERSATION, CONVERSATION);
        assertThat(calls).allSatisfy(c -> assertThat(c.correlationId()).startsWith("corr-"));
        assertThat(scoped).extracting(CallRecord::path).containsExactly("/oauth/token", CONVERSATION);
    }

    @Test
    void readsEveryPageOfQueues() throws Exception {
        stub.answer("GET /api/v2/routing/queues", 200, "{\"entities\":[{\"id\":\"q1\",\"name\":\"Support\"}],\"pageNumber\":1,\"pageCount\":2}")
                .answer("GET /api/v2/routing/queues", 200, "{\"entities\":[{\"id\":\"q2\",\"name\":\"Billing\"}],\"pageNumber\":2,\"pageCount\":2}");

        assertThat(client().queues()).extracting(QueueInfo::name).containsExactly("Support", "Billing");
    }

    @Test
    void tokenInfoNamesTheClientAndItsRoles() throws Exception {
        stub.answer("GET /api/v2/tokens/me", 200, """
                {"organization":{"id":"o1","name":"Demo"},
                 "OAuthClient":{"id":"id-1","name":"unstuck demo","roleDivisions":[{"roleId":"r1","divisionId":"d"},{"roleId":"r2","divisionId":"d"}]}}""");
        stub.answer("GET /api/v2/authorization/roles/r1", 200, """
                {"id":"r1","name":"operator","permissions":["conversation:communication:view"],
                 "permissionPolicies":[{"domain":"conversation","entityName":"communication","actionSet":["disconnect"]}]}""");

        GenesysClient client = client();
        TokenInfo info = client.tokenInfo();

        assertThat(info.clientName()).isEqualTo("unstuck demo");
        assertThat(info.roleIds()).containsExactly("r1", "r2");
        assertThat(client.role("r1").orElseThrow().permissions())
                .containsExactly("conversation:communication:view", "conversation:communication:disconnect");
        assertThat(client.role("r2")).isEmpty();
    }

    @Test
    void aServerEchoingTheAuthorizationHeaderLeaksNoTokenIntoTheError() throws Exception {
        stub.answer("GET " + CONVERSATION, 400, "{\"code\":\"bad.request\",\"message\":\"rejected header Authorization: Bearer token-1\\u001b[2J\"}",
                Map.of("ININ-Correlation-ID", "\u001b]0;x"));

        assertThatThrownBy(() -> client().conversation("c1"))
                .isInstanceOfSatisfying(GenesysException.class, e -> {
                    assertThat(e.error().orElseThrow().message()).isEqualTo("rejected header Authorization: Bearer ***");
                    assertThat(e.getMessage()).doesNotContain("token-1", "\u001b");
                });
    }

    @Test
    void a404FromAHostThatIsNotGenesysIsNotAnUnknownConversation() throws Exception {
        stub.answer("GET " + CONVERSATION, 404, "<html><head><title>404 Not Found</title></head><body>nginx</body></html>",
                Map.of("Content-Type", "text/html"));

        assertThatThrownBy(() -> client().conversation("c1"))
                .isInstanceOfSatisfying(GenesysUnexpectedAnswerException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("without a Genesys error body")
                .hasMessageContaining("404 Not Found");
    }

    @Test
    void aTokenEndpointAnswering404IsAWrongRegionNotAnUnknownConversation() throws Exception {
        stub.answer("POST /oauth/token", 404, "{\"message\":\"not found\",\"code\":\"not.found\",\"status\":404}");

        assertThatThrownBy(() -> client().conversation("c1"))
                .isInstanceOfSatisfying(GenesysLoginException.class,
                        e -> assertThat(e.reason()).isEqualTo(GenesysLoginException.Reason.NOT_A_LOGIN_SERVICE));
    }

    @Test
    void anAnswerTooLargeToBeGenesysIsStoppedAndNotRetried() throws Exception {
        stub.answer("GET " + CONVERSATION, 200, "{\"id\":\"c1\",\"pad\":\"" + "x".repeat((int) Exchanges.LARGEST_ANSWER) + "\"}");

        assertThatThrownBy(() -> client().conversation("c1"))
                .isInstanceOfSatisfying(GenesysUnexpectedAnswerException.class, e -> assertThat(e.affectsEveryCall()).isTrue())
                .hasMessageContaining("larger than 16 MB");
        assertThat(stub.count("GET", CONVERSATION)).isEqualTo(1);
    }

    @Test
    void theSecretNeverShowsInCredentialsText() {
        assertThat(new Credentials("id-1", "s3cret").toString()).doesNotContain("s3cret");
    }
}
