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

/** The asynchronous conversation detail jobs: states on the sandbox clock, cursor paging, data availability. */
class AnalyticsJobsTest {
    private static final String JOBS = "/api/v2/analytics/conversations/details/jobs";

    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/analytics-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    /** Five conversations started today (09:30 to 11:59 UTC), one still open since 23:00 the day before. */
    private final Instant noon = sandbox.reloadAtNoon(RunningSandbox.resource("/analytics-scenario.json").replace("\"guests\": [",
            "\"guests\": [ { \"id\": \"c-yesterday\", \"kind\": \"waiting\", \"queue\": \"Support\", \"ageSeconds\": 46800 },"));
    private final String token = sandbox.token("analyst", "analyst-secret");

    private String submit(Instant from, Instant to) {
        RunningSandbox.Reply r = sandbox.post(JOBS, token, "{\"interval\": \"" + from + "/" + to + "\"}");
        assertThat(r.status()).isEqualTo(202);
        return r.json().get("jobId").asText();
    }

    private String state(String jobId) {
        return sandbox.get(JOBS + "/" + jobId, token).json().get("state").asText();
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("conversations").forEach(c -> ids.add(c.get("conversationId").asText()));
        return ids;
    }

    /** Every page of a fulfilled job's results, following the cursor. */
    private List<JsonNode> pages(String jobId, int pageSize) {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = "";
        do {
            RunningSandbox.Reply r = sandbox.get(JOBS + "/" + jobId + "/results?pageSize=" + pageSize + (cursor.isEmpty() ? "" : "&cursor=" + cursor), token);
            assertThat(r.status()).isEqualTo(200);
            pages.add(r.json());
            cursor = r.json().path("cursor").asText("");
        } while (!cursor.isEmpty());
        return pages;
    }

    @Test
    void aJobIsQueuedThenPendingThenFulfilledAsTheSandboxClockMoves() {
        sandbox.control("PATCH", "/settings", "{\"analyticsJobDelaySeconds\": 20}");
        String job = submit(noon.minus(Duration.ofDays(1)), noon);

        String queued = state(job);
        sandbox.advance(10);
        String pending = state(job);
        RunningSandbox.Reply early = sandbox.get(JOBS + "/" + job + "/results", token);
        sandbox.advance(10);
        JsonNode fulfilled = sandbox.get(JOBS + "/" + job, token).json();

        assertThat(queued).isEqualTo("QUEUED");
        assertThat(pending).isEqualTo("PENDING");
        assertThat(early.status()).isEqualTo(400);
        assertThat(fulfilled.get("state").asText()).isEqualTo("FULFILLED");
        assertThat(Instant.parse(fulfilled.get("submissionDate").asText())).isEqualTo(noon);
        assertThat(Instant.parse(fulfilled.get("completionDate").asText())).isEqualTo(noon.plusSeconds(20));
        assertThat(Instant.parse(fulfilled.get("expirationDate").asText())).isAfter(noon.plusSeconds(20));
    }

    @Test
    void resultsComePageByPageUntilTheCursorIsGone() {
        sandbox.control("PATCH", "/settings", "{\"analyticsJobDelaySeconds\": 0, \"analyticsJobAvailabilityLagSeconds\": 0}");
        String job = submit(noon.minus(Duration.ofHours(1)), noon);

        List<JsonNode> pages = pages(job, 2);

        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).get("cursor").asText()).isNotBlank();
        assertThat(pages.get(2).has("cursor")).isFalse();
        List<String> all = new ArrayList<>();
        pages.forEach(p -> all.addAll(ids(p)));
        // Lifetimes that overlap the last hour: all of today's but the one that ended at 09:30 + its short life, and yesterday's open one.
        assertThat(all).doesNotHaveDuplicates().contains("c-yesterday", "c-waiting", "c-orphan", "c-live", "c-offered");
        assertThat(pages).allSatisfy(p -> assertThat(Instant.parse(p.get("dataAvailabilityDate").asText())).isEqualTo(noon));
    }

    @Test
    void aJobKnowsNoMatchLimit() {
        sandbox.control("PATCH", "/settings", "{\"analyticsMaxMatches\": 2, \"analyticsJobDelaySeconds\": 0, \"analyticsJobAvailabilityLagSeconds\": 0}");
        String job = submit(noon.minus(Duration.ofDays(1)), noon);

        int sync = sandbox.post("/api/v2/analytics/conversations/details/query", token,
                "{\"interval\": \"" + noon.minus(Duration.ofDays(1)) + "/" + noon + "\"}").status();
        List<String> all = new ArrayList<>();
        pages(job, 1000).forEach(p -> all.addAll(ids(p)));

        assertThat(sync).isEqualTo(502);
        assertThat(all).hasSize(6);
    }

    @Test
    void aJobHoldsNothingAfterItsDataAvailabilityDate() {
        sandbox.control("PATCH", "/settings", "{\"analyticsJobDelaySeconds\": 0, \"analyticsJobAvailabilityLagSeconds\": 600}");
        sandbox.patch("/api/v2/conversations/messages/c-waiting", token, "{\"state\": \"disconnected\"}");

        JsonNode availability = sandbox.get(JOBS + "/availability", token).json();
        String job = submit(noon.minus(Duration.ofDays(1)), noon);
        JsonNode page = pages(job, 100).get(0);

        assertThat(Instant.parse(availability.get("dataAvailabilityDate").asText())).isEqualTo(noon.minusSeconds(600));
        assertThat(Instant.parse(page.get("dataAvailabilityDate").asText())).isEqualTo(noon.minusSeconds(600));
        // c-offered (a minute old) started after 11:50; c-waiting ended after it and is still open there.
        assertThat(ids(page)).doesNotContain("c-offered").contains("c-waiting", "c-live");
        JsonNode waiting = page.get("conversations").get(ids(page).indexOf("c-waiting"));
        assertThat(waiting.has("conversationEnd")).isFalse();
    }

    @Test
    void aJobWithStartOfDayMatchingLeavesOutWhatStartedTheDayBefore() {
        sandbox.control("PATCH", "/settings", "{\"analyticsJobDelaySeconds\": 0, \"analyticsJobAvailabilityLagSeconds\": 0}");
        String job = sandbox.post(JOBS, token, "{\"interval\": \"" + noon.minusSeconds(3600) + "/" + noon + "\", \"startOfDayIntervalMatching\": true}")
                .json().get("jobId").asText();

        assertThat(ids(pages(job, 100).get(0))).doesNotContain("c-yesterday").contains("c-waiting");
    }

    @Test
    void aFailedJobSaysWhyAndADeletedFinishedJobIsGone() {
        sandbox.control("PATCH", "/settings", "{\"analyticsJobDelaySeconds\": 0}");
        String failing = submit(noon.minusSeconds(60), noon);
        String deleted = submit(noon.minusSeconds(60), noon);

        sandbox.control("POST", "/analytics/jobs/" + failing + "/fail", "{\"message\": \"Query timed out\"}");
        JsonNode failed = sandbox.get(JOBS + "/" + failing, token).json();
        int deleteStatus = sandbox.delete(JOBS + "/" + deleted, token).status();

        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.get("errorMessage").asText()).isEqualTo("Query timed out");
        assertThat(deleteStatus).isEqualTo(204);
        assertThat(sandbox.get(JOBS + "/" + deleted, token).status()).isEqualTo(404);
        assertThat(sandbox.get(JOBS + "/" + deleted + "/results", token).json().get("code").asText()).isEqualTo("not.found");
    }

    @Test
    void deletingARunningJobCancelsIt() {
        String job = submit(noon.minusSeconds(60), noon);

        int deleteStatus = sandbox.delete(JOBS + "/" + job, token).status();
        sandbox.advance(120);
        RunningSandbox.Reply status = sandbox.get(JOBS + "/" + job, token);
        RunningSandbox.Reply results = sandbox.get(JOBS + "/" + job + "/results", token);

        assertThat(deleteStatus).isEqualTo(204);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("state").asText()).isEqualTo("CANCELLED");
        assertThat(status.json().has("completionDate")).isFalse();
        assertThat(results.status()).isEqualTo(400);
    }

    @Test
    void byDefaultAJobTakesAMinuteAnswers202WhileItRunsAndReadsADayOldDataLake() {
        String job = submit(noon.minus(Duration.ofDays(2)), noon);

        RunningSandbox.Reply running = sandbox.get(JOBS + "/" + job, token);
        sandbox.advance(59);
        String stillRunning = state(job);
        sandbox.advance(1);
        RunningSandbox.Reply done = sandbox.get(JOBS + "/" + job, token);
        JsonNode availability = sandbox.get(JOBS + "/availability", token).json();
        JsonNode page = pages(job, 100).get(0);

        assertThat(running.status()).isEqualTo(202);
        assertThat(running.json().get("state").asText()).isEqualTo("QUEUED");
        assertThat(stillRunning).isEqualTo("PENDING");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("state").asText()).isEqualTo("FULFILLED");
        assertThat(Instant.parse(availability.get("dataAvailabilityDate").asText())).isEqualTo(noon.plusSeconds(60).minus(Duration.ofDays(1)));
        assertThat(Instant.parse(page.get("dataAvailabilityDate").asText())).isEqualTo(noon.plusSeconds(60).minus(Duration.ofDays(1)));
        // Every guest started within the last day (the oldest at 23:00 the day before): the data lake has none of them yet.
        assertThat(ids(page)).isEmpty();
    }

    @Test
    void theRunningStatusCanBe200AndTheAvailabilityLagUpToTwoDays() {
        RunningSandbox.Reply kind = sandbox.control("PATCH", "/settings", "{\"analyticsJobRunningStatus\": 200, \"analyticsJobAvailabilityLagSeconds\": 172800}");
        RunningSandbox.Reply tooFar = sandbox.control("PATCH", "/settings", "{\"analyticsJobAvailabilityLagSeconds\": 172801}");
        String job = submit(noon.minusSeconds(60), noon);

        assertThat(kind.status()).isEqualTo(200);
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(sandbox.get(JOBS + "/" + job, token).status()).isEqualTo(200);
        assertThat(Instant.parse(sandbox.get(JOBS + "/availability", token).json().get("dataAvailabilityDate").asText()))
                .isEqualTo(noon.minus(Duration.ofDays(2)));
    }

    @Test
    void aJobGivesAtMostItsLimit() {
        sandbox.control("PATCH", "/settings", "{\"analyticsJobDelaySeconds\": 0, \"analyticsJobAvailabilityLagSeconds\": 0}");
        String job = sandbox.post(JOBS, token, "{\"interval\": \"" + noon.minus(Duration.ofDays(1)) + "/" + noon + "\", \"limit\": 2}")
                .json().get("jobId").asText();

        RunningSandbox.Reply zero = sandbox.post(JOBS, token, "{\"interval\": \"" + noon.minus(Duration.ofDays(1)) + "/" + noon + "\", \"limit\": 0}");
        List<String> all = new ArrayList<>();
        pages(job, 100).forEach(p -> all.addAll(ids(p)));

        assertThat(all).containsExactly("c-yesterday", "c-ended");
        assertThat(zero.status()).isEqualTo(400);
    }

    @Test
    void anOrgRunsAtMostFiveJobsAtOnceAndTheSixthIsToldWhenToRetry() {
        for (int i = 0; i < 5; i++) {
            submit(noon.minusSeconds(60), noon);
        }
        RunningSandbox.Reply sixth = sandbox.post(JOBS, token, "{\"interval\": \"" + noon.minusSeconds(60) + "/" + noon + "\"}");
        sandbox.advance(60);
        RunningSandbox.Reply later = sandbox.post(JOBS, token, "{\"interval\": \"" + noon.minusSeconds(60) + "/" + noon + "\"}");

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.response().headers().firstValue("Retry-After")).contains("60");
        assertThat(sixth.json().get("code").asText()).isEqualTo("too.many.requests.retry.after");
        assertThat(later.status()).isEqualTo(202);
    }

    @Test
    void aJobExpiresADayAfterItWasFulfilled() {
        sandbox.control("PATCH", "/settings", "{\"analyticsJobDelaySeconds\": 0}");
        String job = submit(noon.minusSeconds(60), noon);

        sandbox.advance(Duration.ofDays(1).toSeconds());
        String fresh = sandbox.token("analyst", "analyst-secret");

        assertThat(sandbox.get(JOBS + "/" + job, fresh).json().get("state").asText()).isEqualTo("EXPIRED");
        assertThat(sandbox.get(JOBS + "/" + job + "/results", fresh).status()).isEqualTo(400);
    }

    @Test
    void aCursorOfAnotherJobIsRefused() {
        sandbox.control("PATCH", "/settings", "{\"analyticsJobDelaySeconds\": 0, \"analyticsJobAvailabilityLagSeconds\": 0}");
        String one = submit(noon.minus(Duration.ofDays(1)), noon);
        String other = submit(noon.minus(Duration.ofDays(1)), noon);
        String cursor = sandbox.get(JOBS + "/" + one + "/results?pageSize=1", token).json().get("cursor").asText();

        RunningSandbox.Reply r = sandbox.get(JOBS + "/" + other + "/results?cursor=" + cursor, token);

        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void jobsNeedAnAnalyticsPermission() {
        String plain = sandbox.token("plain", "plain-secret");

        RunningSandbox.Reply r = sandbox.post(JOBS, plain, "{\"interval\": \"" + noon.minusSeconds(60) + "/" + noon + "\"}");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("missing.any.permissions");
    }
}
