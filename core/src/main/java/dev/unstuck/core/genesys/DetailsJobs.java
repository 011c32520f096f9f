package dev.unstuck.core.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The asynchronous conversation detail jobs ({@code /api/v2/analytics/conversations/details/jobs}): for
 * a part of a scan the synchronous query refuses (too many matches). Submit the query, wait until the
 * job is FULFILLED, read its results by cursor, delete it. A job holds data only up to its
 * {@code dataAvailabilityDate}, which may trail now: what came after must be asked synchronously.
 * Costs: one call to submit, one per poll, one per thousand results, one to delete.
 */
public final class DetailsJobs {

    /** The results page asked for (the platform's largest is UNCONFIRMED; the sandbox allows 1,000). */
    public static final int RESULTS_PAGE_SIZE = 1000;
    private static final String BASE = "/api/v2/analytics/conversations/details/jobs";
    private static final Duration FIRST_POLL = Duration.ofSeconds(1);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(10);

    /** An AsyncQueryStatus: QUEUED, PENDING, FULFILLED, FAILED, CANCELLED, EXPIRED. */
    public record Status(String state, Optional<String> errorMessage) {

        public boolean fulfilled() {
            return state.equals("FULFILLED");
        }

        /** No longer moving: fulfilled, or failed, cancelled or expired. */
        public boolean settled() {
            return !state.equals("QUEUED") && !state.equals("PENDING");
        }
    }

    /** One page of a job's results; no cursor on the last. */
    public record ResultsPage(List<ConversationDetail> conversations, Optional<String> cursor, Optional<Instant> dataAvailabilityDate) {

        public ResultsPage {
            conversations = List.copyOf(conversations);
        }
    }

    private final GenesysClient client;

    DetailsJobs(GenesysClient client) {
        this.client = client;
    }

    /** {@code POST .../details/jobs}: the job's id. */
    public String submit(DetailsQuery query) {
        JsonNode answer = client.exchange("POST", BASE, Optional.of(query.jobBody(client.json())));
        String jobId = answer.path("jobId").asText("");
        if (jobId.isEmpty()) {
            throw new GenesysException(202, "the new analytics job has no jobId: " + answer, Optional.empty(), Optional.empty());
        }
        return jobId;
    }

    /** {@code GET .../details/jobs/{jobId}}. */
    public Status status(String jobId) {
        JsonNode s = client.exchange("GET", BASE + "/" + GenesysClient.segment(jobId), Optional.empty());
        return new Status(s.path("state").asText(""), ApiJson.text(s.path("errorMessage")));
    }

    /**
     * Polls until the job settles (waiting 1 s, then twice as long each time up to 10 s), or until
     * {@code most} has been waited; answers the last status seen.
     */
    public Status await(String jobId, Duration most) {
        Duration waited = Duration.ZERO;
        Duration next = FIRST_POLL;
        Status status = status(jobId);
        while (!status.settled() && waited.compareTo(most) < 0) {
            client.pause(next);
            waited = waited.plus(next);
            next = next.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : next.multipliedBy(2);
            status = status(jobId);
        }
        return status;
    }

    /** {@code GET .../details/jobs/{jobId}/results}: the page after {@code cursor} (the first when empty). */
    public ResultsPage results(String jobId, Optional<String> cursor) {
        String path = BASE + "/" + GenesysClient.segment(jobId) + "/results?pageSize=" + RESULTS_PAGE_SIZE
                + cursor.map(c -> "&cursor=" + GenesysClient.segment(c)).orElse("");
        JsonNode page = client.exchange("GET", path, Optional.empty());
        List<ConversationDetail> conversations = new ArrayList<>();
        page.path("conversations").forEach(c -> conversations.add(ApiJson.conversationDetail(c)));
        return new ResultsPage(conversations, ApiJson.text(page.path("cursor")), ApiJson.instant(page.path("dataAvailabilityDate")));
    }

    /** {@code DELETE .../details/jobs/{jobId}}: frees the job; one already gone is fine. */
    public void delete(String jobId) {
        try {
            client.exchange("DELETE", BASE + "/" + GenesysClient.segment(jobId), Optional.empty());
        } catch (GenesysException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /** {@code GET .../details/jobs/availability}: jobs hold data up to this moment. */
    public Optional<Instant> availability() {
        return ApiJson.instant(client.exchange("GET", BASE + "/availability", Optional.empty()).path("dataAvailabilityDate"));
    }
}
