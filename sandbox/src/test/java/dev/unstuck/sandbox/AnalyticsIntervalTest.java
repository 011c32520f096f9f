package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The synchronous details query's interval rule, its length caps, and how far analytics trails the org. */
class AnalyticsIntervalTest {
    private static final String QUERY = "/api/v2/analytics/conversations/details/query";
    private static final String FILTER = """
            "conversationFilters": [{"type": "and", "predicates": [{"dimension": "conversationEnd", "operator": "notExists"}]}]""";

    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/analytics-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    /** Today's five (09:30 to 11:59 UTC) and one that started at 23:00 the day before. */
    private final Instant noon = sandbox.reloadAtNoon(RunningSandbox.resource("/analytics-scenario.json").replace("\"guests\": [",
            "\"guests\": [ { \"id\": \"c-yesterday\", \"kind\": \"waiting\", \"queue\": \"Support\", \"ageSeconds\": 46800 },"));
    private final String token = sandbox.token("analyst", "analyst-secret");

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("conversations").forEach(c -> ids.add(c.get("conversationId").asText()));
        return ids;
    }

    private RunningSandbox.Reply query(Instant from, Instant to, boolean filtered) {
        return sandbox.post(QUERY, token, "{\"interval\": \"" + from + "/" + to + "\", \"paging\": {\"pageSize\": 100}"
                + (filtered ? ", " + FILTER : "") + "}");
    }

    @Test
    void aOneMinuteIntervalReturnsEveryConversationThatStartedThatDay() {
        RunningSandbox.Reply r = query(noon.minusSeconds(120), noon.minusSeconds(60), false);

        assertThat(r.status()).isEqualTo(200);
        assertThat(ids(r.json())).containsExactly("c-ended", "c-orphan", "c-waiting", "c-live", "c-offered");
        assertThat(r.json().get("totalHits").asInt()).isEqualTo(5);
    }

    @Test
    void anIntervalEndingAtMidnightTouchesOnlyTheDayBefore() {
        Instant midnight = noon.minus(Duration.ofHours(12));

        RunningSandbox.Reply r = query(midnight.minusSeconds(60), midnight, false);

        assertThat(ids(r.json())).containsExactly("c-yesterday");
    }

    @Test
    void anIntervalOverMidnightTakesBothDaysWhole() {
        Instant midnight = noon.minus(Duration.ofHours(12));

        RunningSandbox.Reply r = query(midnight.minusSeconds(1), midnight.plusSeconds(1), true);

        assertThat(ids(r.json())).containsExactly("c-yesterday", "c-orphan", "c-waiting", "c-live", "c-offered");
    }

    @Test
    void refusesIntervalsOverSevenDaysWithoutFiltersAndOverThirtyOneWithThem() {
        RunningSandbox.Reply eightDays = query(noon.minus(Duration.ofDays(8)), noon, false);
        RunningSandbox.Reply eightDaysFiltered = query(noon.minus(Duration.ofDays(8)), noon, true);
        RunningSandbox.Reply sevenDays = query(noon.minus(Duration.ofDays(7)), noon, false);
        RunningSandbox.Reply thirtyTwoDaysFiltered = query(noon.minus(Duration.ofDays(32)), noon, true);

        assertThat(eightDays.status()).isEqualTo(400);
        assertThat(eightDays.json().get("code").asText()).isEqualTo("bad.request");
        assertThat(eightDays.json().get("message").asText()).contains("7 days");
        assertThat(sevenDays.status()).isEqualTo(200);
        assertThat(eightDaysFiltered.status()).isEqualTo(200);
        assertThat(thirtyTwoDaysFiltered.status()).isEqualTo(400);
        assertThat(thirtyTwoDaysFiltered.json().get("message").asText()).contains("31 days");
    }

    @Test
    void analyticsShowsAnEndOnlyOnceTheLagHasPassed() {
        sandbox.control("PATCH", "/settings", "{\"analyticsLagSeconds\": 30}");
        sandbox.patch("/api/v2/conversations/messages/c-waiting", token, "{\"state\": \"disconnected\"}");

        JsonNode during = sandbox.get("/api/v2/analytics/conversations/c-waiting/details", token).json();
        List<String> openDuring = ids(query(noon.minusSeconds(60), noon, true).json());
        sandbox.advance(30);
        JsonNode after = sandbox.get("/api/v2/analytics/conversations/c-waiting/details", token).json();
        List<String> openAfter = ids(query(noon.minusSeconds(60), noon, true).json());

        assertThat(during.has("conversationEnd")).isFalse();
        assertThat(during.findValues("segmentEnd")).hasSizeLessThan(after.findValues("segmentEnd").size());
        assertThat(openDuring).contains("c-waiting");
        assertThat(after.has("conversationEnd")).isTrue();
        assertThat(openAfter).doesNotContain("c-waiting");
    }

    @Test
    void aNewGuestReachesAnalyticsOnlyOnceTheLagHasPassed() {
        sandbox.control("PATCH", "/settings", "{\"analyticsLagSeconds\": 5}");
        String id = sandbox.control("POST", "/conversations", "{\"kind\": \"waiting\", \"queue\": \"Support\", \"ageSeconds\": 0}")
                .json().get("id").asText();

        int before = sandbox.get("/api/v2/analytics/conversations/" + id + "/details", token).status();
        List<String> listedBefore = ids(query(noon.minusSeconds(60), noon, true).json());
        sandbox.advance(5);
        int after = sandbox.get("/api/v2/analytics/conversations/" + id + "/details", token).status();

        assertThat(before).isEqualTo(404);
        assertThat(listedBefore).doesNotContain(id);
        assertThat(after).isEqualTo(200);
    }
}
