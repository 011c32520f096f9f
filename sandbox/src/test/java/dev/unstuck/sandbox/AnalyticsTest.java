package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsTest {
    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/analytics-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    private final String token = sandbox.token("analyst", "analyst-secret");

    private String interval() {
        Instant now = Instant.parse(sandbox.control("GET", "/clock", null).json().get("now").asText());
        return now.minusSeconds(86400) + "/" + now.plusSeconds(60);
    }

    private String waitingInQueue(String queueId) {
        return """
                {"interval": "%s", "order": "asc", "paging": {"pageSize": 100, "pageNumber": 1},
                 "conversationFilters": [{"type": "and", "predicates": [{"type": "dimension", "dimension": "conversationEnd", "operator": "notExists"}]}],
                 "segmentFilters": [{"type": "and", "predicates": [
                   {"type": "dimension", "dimension": "mediaType", "operator": "matches", "value": "message"},
                   {"type": "dimension", "dimension": "purpose", "operator": "matches", "value": "acd"},
                   {"type": "dimension", "dimension": "queueId", "operator": "matches", "value": "%s"},
                   {"type": "dimension", "dimension": "segmentType", "operator": "matches", "value": "interact"},
                   {"type": "dimension", "dimension": "segmentEnd", "operator": "notExists"}]}]}
                """.formatted(interval(), queueId);
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("conversations").forEach(c -> ids.add(c.get("conversationId").asText()));
        return ids;
    }

    @Test
    void findsConversationsWaitingInAQueueWithTheFieldsFilter() {
        RunningSandbox.Reply r = sandbox.post("/api/v2/analytics/conversations/details/query", token, waitingInQueue("q-support"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(ids(r.json())).containsExactly("c-waiting", "c-offered");
        assertThat(r.json().get("totalHits").asInt()).isEqualTo(2);
    }

    @Test
    void anOrphanStillWaitsForAnalyticsAfterTheCustomerLeft() {
        RunningSandbox.Reply r = sandbox.post("/api/v2/analytics/conversations/details/query", token, waitingInQueue("q-billing"));

        assertThat(ids(r.json())).containsExactly("c-orphan");
    }

    @Test
    void showsParticipantsSessionsAndSegmentsAsGenesysDoes() {
        JsonNode c = sandbox.get("/api/v2/analytics/conversations/c-live/details", token).json();

        assertThat(c.get("originatingDirection").asText()).isEqualTo("inbound");
        assertThat(c.has("conversationEnd")).isFalse();
        List<String> purposes = new ArrayList<>();
        c.get("participants").forEach(p -> purposes.add(p.get("purpose").asText()));
        assertThat(purposes).containsExactly("customer", "workflow", "acd", "agent");
        JsonNode acdSession = c.get("participants").get(2).get("sessions").get(0);
        assertThat(acdSession.get("mediaType").asText()).isEqualTo("message");
        JsonNode wait = acdSession.get("segments").get(0);
        assertThat(wait.get("segmentType").asText()).isEqualTo("interact");
        assertThat(wait.get("queueId").asText()).isEqualTo("q-support");
        assertThat(wait.get("disconnectType").asText()).isEqualTo("transfer");
        List<String> agentSegments = new ArrayList<>();
        c.get("participants").get(3).get("sessions").get(0).get("segments").forEach(s -> agentSegments.add(s.get("segmentType").asText()));
        assertThat(agentSegments).containsExactly("alert", "interact");
    }

    @Test
    void orOfClausesAndEndedConversations() {
        String body = """
                {"interval": "%s", "order": "desc",
                 "conversationFilters": [{"type": "or", "clauses": [
                   {"type": "and", "predicates": [{"dimension": "conversationEnd", "operator": "exists"}]},
                   {"type": "and", "predicates": [{"dimension": "conversationId", "value": "c-live"}]}]}]}
                """.formatted(interval());

        RunningSandbox.Reply r = sandbox.post("/api/v2/analytics/conversations/details/query", token, body);

        assertThat(ids(r.json())).containsExactly("c-live", "c-ended");
    }

    @Test
    void aQueryByConversationIdsFindsTheNamedOnesInAnyLetterCaseAndItsOtherFiltersStillHold() {
        String body = """
                {"interval": "%s", "conversationFilters": [
                   {"type": "or", "predicates": [{"dimension": "conversationId", "value": "C-LIVE"},
                     {"dimension": "conversationId", "value": "c-ended"}, {"dimension": "conversationId", "value": "c-waiting"}]},
                   {"type": "and", "predicates": [{"dimension": "conversationEnd", "operator": "notExists"}]}]}
                """.formatted(interval());

        RunningSandbox.Reply r = sandbox.post("/api/v2/analytics/conversations/details/query", token, body);

        assertThat(ids(r.json())).containsExactlyInAnyOrder("c-live", "c-waiting");
    }

    @Test
    void pagesThroughMatches() {
        String body = "{\"interval\": \"" + interval() + "\", \"paging\": {\"pageSize\": 2, \"pageNumber\": 3}}";

        RunningSandbox.Reply r = sandbox.post("/api/v2/analytics/conversations/details/query", token, body);

        assertThat(ids(r.json())).containsExactly("c-offered");
        assertThat(r.json().get("totalHits").asInt()).isEqualTo(5);
    }

    @Test
    void refusesPagesOverAHundredAndUnknownDimensions() {
        String big = "{\"interval\": \"" + interval() + "\", \"paging\": {\"pageSize\": 101}}";
        String unknown = "{\"interval\": \"" + interval() + "\", \"segmentFilters\": [{\"type\": \"and\", \"predicates\": [{\"dimension\": \"colour\", \"value\": \"red\"}]}]}";

        assertThat(sandbox.post("/api/v2/analytics/conversations/details/query", token, big).status()).isEqualTo(400);
        assertThat(sandbox.post("/api/v2/analytics/conversations/details/query", token, unknown).json().get("message").asText())
                .contains("colour");
        assertThat(sandbox.post("/api/v2/analytics/conversations/details/query", token, "{}").status()).isEqualTo(400);
    }

    @Test
    void failsLikeTheFieldPastTheMatchLimit() {
        sandbox.control("PATCH", "/settings", "{\"analyticsMaxMatches\": 3}");

        RunningSandbox.Reply r = sandbox.post("/api/v2/analytics/conversations/details/query", token, "{\"interval\": \"" + interval() + "\"}");

        assertThat(r.status()).isEqualTo(502);
        assertThat(r.json().get("code").asText()).isEqualTo("bad.gateway");
    }

    @Test
    void theTooManyMatchesBodyIsThePlatformsGenericOneUnlessATestAsksForTheDescriptiveOne() {
        sandbox.control("PATCH", "/settings", "{\"analyticsMaxMatches\": 3}");
        RunningSandbox.Reply generic = sandbox.post("/api/v2/analytics/conversations/details/query", token, "{\"interval\": \"" + interval() + "\"}");
        sandbox.control("PATCH", "/settings", "{\"analyticsTooManyMatchesBody\": \"descriptive\"}");
        RunningSandbox.Reply descriptive = sandbox.post("/api/v2/analytics/conversations/details/query", token, "{\"interval\": \"" + interval() + "\"}");

        assertThat(generic.status()).isEqualTo(502);
        assertThat(generic.json().get("message").asText()).isEqualTo("The server received an invalid response from an upstream server.");
        assertThat(generic.json().get("messageParams")).isEmpty();
        assertThat(descriptive.status()).isEqualTo(502);
        assertThat(descriptive.json().get("message").asText()).contains("5 conversations match");
    }

    @Test
    void totalHitsIsAnEstimateThatShiftsBetweenPagesAndRepeatsWithTheSeed() {
        sandbox.control("POST", "/conversations", "{\"label\": \"bulk\", \"kind\": \"waiting\", \"queue\": \"Support\", \"ageSeconds\": 600, \"count\": 998}");
        String body = waitingInQueue("q-support");
        List<Integer> hits = new ArrayList<>();
        for (int page = 1; page <= 10; page++) {
            hits.add(sandbox.post("/api/v2/analytics/conversations/details/query", token,
                    body.replace("\"pageNumber\": 1", "\"pageNumber\": " + page)).json().get("totalHits").asInt());
        }
        List<Integer> again = new ArrayList<>();
        for (int page = 1; page <= 10; page++) {
            again.add(sandbox.post("/api/v2/analytics/conversations/details/query", token,
                    body.replace("\"pageNumber\": 1", "\"pageNumber\": " + page)).json().get("totalHits").asInt());
        }
        sandbox.control("PATCH", "/settings", "{\"analyticsTotalHitsSpreadPercent\": 0}");
        int exact = sandbox.post("/api/v2/analytics/conversations/details/query", token, body).json().get("totalHits").asInt();

        // 1,000 waiting in Support; the estimate stays within 5% and is not the same on every page.
        assertThat(exact).isEqualTo(1000);
        assertThat(hits).allSatisfy(h -> assertThat(h).isBetween(950, 1050));
        assertThat(hits.stream().distinct().count()).isGreaterThan(1);
        assertThat(again).isEqualTo(hits);
    }

    @Test
    void orderByAndOrderAreHonoured() {
        String body = """
                {"interval": "%s", "order": "%s", "orderBy": "%s", "paging": {"pageSize": 100, "pageNumber": 1}}
                """;

        List<String> byStartDesc = ids(sandbox.post("/api/v2/analytics/conversations/details/query", token,
                body.formatted(interval(), "desc", "conversationStart")).json());
        List<String> byEnd = ids(sandbox.post("/api/v2/analytics/conversations/details/query", token,
                body.formatted(interval(), "asc", "conversationEnd")).json());
        RunningSandbox.Reply unknown = sandbox.post("/api/v2/analytics/conversations/details/query", token,
                body.formatted(interval(), "asc", "queueId"));

        assertThat(byStartDesc).containsExactly("c-offered", "c-live", "c-waiting", "c-orphan", "c-ended");
        // The one ended conversation first; open ones (no end yet) after it.
        assertThat(byEnd.get(0)).isEqualTo("c-ended");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("messageParams").get("value").asText()).isEqualTo("queueId");
    }

    @Test
    void byDefaultAnalyticsTrailsTheConversationByTenSeconds() {
        String id = sandbox.control("POST", "/conversations", "{\"label\": \"newcomer\", \"kind\": \"waiting\", \"queue\": \"Support\", \"ageSeconds\": 0}")
                .json().get("id").asText();

        List<String> atOnce = ids(sandbox.post("/api/v2/analytics/conversations/details/query", token, waitingInQueue("q-support")).json());
        int single = sandbox.get("/api/v2/analytics/conversations/" + id + "/details", token).status();
        sandbox.advance(10);
        List<String> later = ids(sandbox.post("/api/v2/analytics/conversations/details/query", token, waitingInQueue("q-support")).json());

        assertThat(sandbox.control("GET", "/settings", null).json().get("analyticsLagSeconds").asInt()).isEqualTo(10);
        assertThat(atOnce).doesNotContain(id);
        assertThat(single).isEqualTo(404);
        assertThat(later).contains(id);
    }

    @Test
    void theDefaultsAreThePlatformsWorstDocumentedCase() {
        JsonNode settings = sandbox.control("GET", "/settings", null).json();

        assertThat(settings.get("analyticsLagSeconds").asInt()).isEqualTo(10);
        assertThat(settings.get("analyticsJobDelaySeconds").asInt()).isEqualTo(60);
        assertThat(settings.get("analyticsJobAvailabilityLagSeconds").asInt()).isEqualTo(86400);
        assertThat(settings.get("analyticsJobRunningStatus").asInt()).isEqualTo(202);
        assertThat(settings.get("analyticsMaxRunningJobs").asInt()).isEqualTo(5);
        assertThat(settings.get("analyticsTotalHitsSpreadPercent").asInt()).isEqualTo(5);
        assertThat(settings.get("analyticsTooManyMatchesBody").asText()).isEqualTo("generic");
        assertThat(settings.get("divisionAccess").asText()).isEqualTo("all");
    }

    @Test
    void failsPastEightThousandMatchesByDefaultAndStaysFastAtScale() {
        // Exact totalHits: this test counts the matches.
        sandbox.control("PATCH", "/settings", "{\"analyticsTotalHitsSpreadPercent\": 0}");
        sandbox.control("POST", "/conversations", "{\"label\": \"bulk\", \"kind\": \"waiting\", \"queue\": \"Support\", \"ageSeconds\": 600, \"count\": 7997}");

        long started = System.nanoTime();
        RunningSandbox.Reply tooMany = sandbox.post("/api/v2/analytics/conversations/details/query", token, "{\"interval\": \"" + interval() + "\"}");
        RunningSandbox.Reply queue = sandbox.post("/api/v2/analytics/conversations/details/query", token, waitingInQueue("q-support"));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(tooMany.status()).isEqualTo(502);
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.json().get("totalHits").asInt()).isEqualTo(7999);
        // Loose on purpose: the point is seconds, not minutes.
        assertThat(elapsedMs).isLessThan(20_000);
    }

    @Test
    void aScenarioOfTwoThousandActiveGuestsLoadsAndQueriesInSeconds() {
        String scenario = RunningSandbox.resource("/analytics-scenario.json").replace(
                "\"guests\": [", "\"guests\": [ { \"label\": \"crowd\", \"kind\": \"waiting\", \"queue\": \"Billing\", \"ageSeconds\": 1200, \"count\": 2000 },");

        long started = System.nanoTime();
        assertThat(sandbox.control("POST", "/scenario", scenario).status()).isEqualTo(200);
        sandbox.control("PATCH", "/settings", "{\"analyticsTotalHitsSpreadPercent\": 0}");
        String fresh = sandbox.token("analyst", "analyst-secret");
        RunningSandbox.Reply page = sandbox.post("/api/v2/analytics/conversations/details/query", fresh, waitingInQueue("q-billing"));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(page.json().get("totalHits").asInt()).isEqualTo(2001);
        assertThat(page.json().get("conversations")).hasSize(100);
        assertThat(elapsedMs).isLessThan(10_000);
    }

    @Test
    void needsAnAnalyticsPermission() {
        String plain = sandbox.token("plain", "plain-secret");

        RunningSandbox.Reply r = sandbox.post("/api/v2/analytics/conversations/details/query", plain, "{\"interval\": \"" + interval() + "\"}");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("missing.any.permissions");
        assertThat(r.json().get("message").asText()).contains("analytics:conversationDetail:view");
        assertThat(sandbox.post("/api/v2/analytics/queues/observations/query", plain, "{}").json().get("messageParams").get("permissions").asText())
                .isEqualTo("analytics:queueObservation:view");
    }

    private JsonNode observe(String queueId, String detail) {
        String body = """
                {"filter": {"type": "or", "predicates": [{"dimension": "queueId", "value": "%s"}]},
                 "metrics": ["oWaiting", "oInteracting", "oAlerting"], "detailMetrics": ["%s"]}
                """.formatted(queueId, detail);
        RunningSandbox.Reply r = sandbox.post("/api/v2/analytics/queues/observations/query", token, body);
        assertThat(r.status()).isEqualTo(200);
        return group(r.json(), "message");
    }

    /** The result of one media type ({@code null}: the queue's own group, of user metrics). */
    private static JsonNode group(JsonNode answer, String mediaType) {
        for (JsonNode result : answer.get("results")) {
            JsonNode media = result.get("group").get("mediaType");
            if (mediaType == null ? media == null : media != null && media.asText().equals(mediaType)) {
                return result;
            }
        }
        throw new AssertionError("no group of media type " + mediaType + " in " + answer);
    }

    private RunningSandbox.Reply observeRaw(String metrics, String detailMetrics) {
        return sandbox.post("/api/v2/analytics/queues/observations/query", token, """
                {"filter": {"type": "or", "predicates": [{"dimension": "queueId", "value": "q-support"}]},
                 "metrics": %s, "detailMetrics": %s}
                """.formatted(metrics, detailMetrics));
    }

    @Test
    void longestWaitingIsTheMomentTheOldestBeganWaitingInEpochMillisWithACount() {
        Instant now = Instant.parse(sandbox.control("GET", "/clock", null).json().get("now").asText());

        JsonNode message = group(observeRaw("[\"oLongestWaiting\"]", "[\"oWaiting\"]").json(), "message");

        JsonNode longest = data(message, "oLongestWaiting").get("stats");
        assertThat(longest.get("count").asInt()).isEqualTo(1);
        // The oldest (c-waiting, 90 minutes in) began waiting at its first observation's date: a moment, not a duration.
        Instant oldest = Instant.parse(data(message, "oWaiting").get("observations").get(0).get("observationDate").asText());
        assertThat(longest.get("calculatedMetricValue").asLong()).isEqualTo(oldest.toEpochMilli());
        assertThat(oldest).isBefore(now.minusSeconds(5000));
    }

    @Test
    void refusesLongestInteractingAndLongestMetricsAsDetailMetrics() {
        RunningSandbox.Reply interacting = observeRaw("[\"oLongestInteracting\"]", "[]");
        RunningSandbox.Reply detail = observeRaw("[\"oWaiting\"]", "[\"oLongestWaiting\"]");

        assertThat(interacting.status()).isEqualTo(400);
        assertThat(interacting.json().get("message").asText()).contains("oLongestInteracting");
        assertThat(detail.status()).isEqualTo(400);
        assertThat(detail.json().get("message").asText()).contains("detailMetrics");
    }

    @Test
    void everyMediaTypeHasItsGroupAndUserMetricsCountZeroInTheQueuesOwnGroup() {
        JsonNode answer = observeRaw("[\"oWaiting\", \"oOnQueueUsers\", \"oMemberUsers\"]", "[]").json();

        assertThat(count(group(answer, "message"), "oWaiting")).isEqualTo(2);
        assertThat(count(group(answer, "voice"), "oWaiting")).isZero();
        assertThat(count(group(answer, "email"), "oWaiting")).isZero();
        JsonNode users = group(answer, null);
        assertThat(users.get("group").get("queueId").asText()).isEqualTo("q-support");
        assertThat(count(users, "oOnQueueUsers")).isZero();
        assertThat(count(users, "oMemberUsers")).isZero();
        assertThat(users.get("data").findValues("metric")).extracting(JsonNode::asText).doesNotContain("oWaiting");
    }

    @Test
    void aDetailObservationSaysWhoWaitsSinceWhenAsObservationValueHasIt() {
        JsonNode first = data(observe("q-support", "oWaiting"), "oWaiting").get("observations").get(0);

        assertThat(first.get("conversationId").asText()).isEqualTo("c-waiting");
        assertThat(Instant.parse(first.get("observationDate").asText())).isBefore(
                Instant.parse(sandbox.control("GET", "/clock", null).json().get("now").asText()).minusSeconds(5000));
        assertThat(first.get("sessionId").asText()).isNotBlank();
        assertThat(first.get("routingPriority").isNumber()).isTrue();
        assertThat(first.get("participantName").asText()).isNotBlank();
        assertThat(first.get("direction").asText()).isEqualTo("inbound");
        assertThat(first.get("requestedRoutingSkillIds").isArray()).isTrue();
    }

    private static int count(JsonNode result, String metric) {
        for (JsonNode d : result.get("data")) {
            if (d.get("metric").asText().equals(metric)) {
                return d.get("stats").get("count").asInt();
            }
        }
        throw new AssertionError("no " + metric);
    }

    private static JsonNode data(JsonNode result, String metric) {
        for (JsonNode d : result.get("data")) {
            if (d.get("metric").asText().equals(metric)) {
                return d;
            }
        }
        throw new AssertionError("no " + metric);
    }

    @Test
    void observesWaitingInteractingAndAlertingPerQueue() {
        JsonNode support = observe("q-support", "oWaiting");

        assertThat(support.get("group").get("queueId").asText()).isEqualTo("q-support");
        assertThat(support.get("group").get("mediaType").asText()).isEqualTo("message");
        assertThat(count(support, "oWaiting")).isEqualTo(2);
        assertThat(count(support, "oInteracting")).isEqualTo(1);
        assertThat(count(support, "oAlerting")).isEqualTo(1);
        assertThat(data(support, "oWaiting").get("observations").get(0).get("conversationId").asText()).isEqualTo("c-waiting");
    }

    @Test
    void lingeringEntriesStillCountAsWaiting() {
        sandbox.patch("/api/v2/conversations/messages/c-waiting", token, "{\"state\": \"disconnected\"}");

        assertThat(count(observe("q-support", "oWaiting"), "oWaiting")).isEqualTo(2);

        sandbox.advance(181);
        assertThat(count(observe("q-support", "oWaiting"), "oWaiting")).isEqualTo(1);
    }

    @Test
    void capsDetailObservationsAtOldestFiftyAndNewestFifty() {
        sandbox.control("POST", "/conversations", "{\"label\": \"old\", \"kind\": \"waiting\", \"queue\": \"Billing\", \"ageSeconds\": 5000, \"count\": 60}");
        sandbox.control("POST", "/conversations", "{\"label\": \"new\", \"kind\": \"waiting\", \"queue\": \"Billing\", \"ageSeconds\": 10, \"count\": 60}");

        JsonNode billing = observe("q-billing", "oWaiting");
        JsonNode waiting = data(billing, "oWaiting");

        assertThat(waiting.get("stats").get("count").asInt()).isEqualTo(121);
        assertThat(waiting.get("truncated").asBoolean()).isTrue();
        assertThat(waiting.get("observations")).hasSize(100);
        assertThat(waiting.get("observations").get(0).get("conversationId").asText()).isEqualTo("c-orphan");
        // 61 old entries (the orphan and 60 old guests) and 60 new: the cut falls between the two groups.
        assertThat(waiting.get("observations").get(50).get("observationDate").asText())
                .isGreaterThan(waiting.get("observations").get(49).get("observationDate").asText());
    }
}
