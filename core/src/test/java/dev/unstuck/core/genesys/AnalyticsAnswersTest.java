package dev.unstuck.core.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the client reads analytics' answers: "too many" without trusting any wording, and who waits in a queue. */
class AnalyticsAnswersTest {

    private static final String QUERY = "/api/v2/analytics/conversations/details/query";
    private static final String OBSERVATIONS = "/api/v2/analytics/queues/observations/query";
    private static final String GENERIC_502 = """
            {"message":"The server received an invalid response from an upstream server.","code":"bad.gateway","status":502}""";
    private static final DetailsQuery ANY = DetailsQuery.candidates(Instant.parse("2026-12-01T00:00:00Z"),
            Instant.parse("2026-12-02T00:00:00Z"), List.of());

    private final List<Duration> slept = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final StubGenesys stub = new StubGenesys();

    private GenesysClient client() throws Exception {
        return GenesysClient.create(Region.parse(stub.baseUrl()), new Credentials("id-1", "s3cret"),
                ClientSettings.defaults().withRequestsPerMinute(60_000), slept::add, Clock.systemUTC());
    }

    @Test
    void aGenericBadGatewayThatOutlastsTheRetriesIsTooManyMatches() throws Exception {
        stub.answer("POST " + QUERY, 502, GENERIC_502);

        DetailsAnswer answer = client().details(ANY);

        assertThat(answer).isInstanceOfSatisfying(DetailsAnswer.TooManyMatches.class,
                tooMany -> assertThat(tooMany.why()).contains("502"));
        assertThat(stub.count("POST", QUERY)).isEqualTo(ClientSettings.defaults().maxAttempts());
    }

    @Test
    void aGatewayTimeoutThatOutlastsTheRetriesIsTooManyMatchesToo() throws Exception {
        stub.answer("POST " + QUERY, 504, "{\"message\":\"Gateway Timeout\",\"code\":\"gateway.timeout\",\"status\":504}");

        assertThat(client().details(ANY)).isInstanceOf(DetailsAnswer.TooManyMatches.class);
    }

    @Test
    void aBadGatewayThatPassesIsRetriedAndTheQueryAnswers() throws Exception {
        stub.answer("POST " + QUERY, 502, GENERIC_502).answer("POST " + QUERY, 200, "{\"totalHits\": 0}");

        assertThat(client().details(ANY)).isInstanceOf(DetailsAnswer.Page.class);
        assertThat(stub.count("POST", QUERY)).isEqualTo(2);
    }

    @Test
    void aFirstPageNamingMoreThanNinetyPercentOfTheLimitIsTooManyMatches() throws Exception {
        stub.answer("POST " + QUERY, 200, "{\"totalHits\": 7201}").answer("POST " + QUERY, 200, "{\"totalHits\": 7200}");

        GenesysClient client = client();

        assertThat(client.details(ANY)).isInstanceOfSatisfying(DetailsAnswer.TooManyMatches.class,
                tooMany -> assertThat(tooMany.why()).contains("7201"));
        assertThat(client.details(ANY)).isInstanceOf(DetailsAnswer.Page.class);
    }

    @Test
    void aQueueObservationTellsWhoWaitsSinceWhenOldestFirst() throws Exception {
        stub.answer("POST " + OBSERVATIONS, 200, """
                {"results": [
                  {"group": {"queueId": "q1", "mediaType": "voice"}, "data": [{"metric": "oWaiting", "stats": {"count": 0}}]},
                  {"group": {"queueId": "q1", "mediaType": "message"}, "data": [
                    {"metric": "oWaiting", "stats": {"count": 140}, "truncated": true, "observations": [
                      {"observationDate": "2026-12-01T10:05:00.000Z", "conversationId": "c2", "sessionId": "s2", "routingPriority": 0},
                      {"observationDate": "2026-12-01T10:00:00.000Z", "conversationId": "c1", "sessionId": "s1", "routingPriority": 0}]}]},
                  {"group": {"queueId": "q1"}, "data": [{"metric": "oOnQueueUsers", "stats": {"count": 0}}]}]}""");

        WaitingNow waiting = client().waiting("q1");

        assertThat(waiting.waiting()).isEqualTo(140);
        assertThat(waiting.listed()).extracting(WaitingNow.Waiter::conversationId).containsExactly("c1", "c2");
        assertThat(waiting.oldest()).contains(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(stub.seen().get(stub.seen().size() - 1).body()).contains("\"detailMetrics\":[\"oWaiting\"]").contains("\"q1\"");
    }
}
