package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.analytics.DetailJobs;
import io.javalin.http.HandlerType;

import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v2/analytics/conversations/details/jobs}: submit, poll, read results by cursor, delete, and
 * the data availability date (SDK AnalyticsApi: postAnalyticsConversationsDetailsJobs,
 * getAnalyticsConversationsDetailsJob, getAnalyticsConversationsDetailsJobResults,
 * deleteAnalyticsConversationsDetailsJob, getAnalyticsConversationsDetailsJobsAvailability).
 */
record DetailJobEndpoints(ObjectMapper json) {
    private static final String BASE = "/api/v2/analytics/conversations/details/jobs";

    void register(Routes routes) {
        // Before {jobId}: "availability" is not a job.
        routes.api(HandlerType.GET, BASE + "/availability", this::availability);
        routes.api(HandlerType.POST, BASE, this::submit);
        routes.api(HandlerType.GET, BASE + "/{jobId}", this::status);
        routes.api(HandlerType.GET, BASE + "/{jobId}/results", this::results);
        routes.api(HandlerType.DELETE, BASE + "/{jobId}", this::delete);
    }

    private Answer submit(Call call) {
        var body = call.body();
        call.requireAny(AnalyticsEndpoints.DETAIL_VIEW);
        return answer(DetailJobs.submit(body, call.world(), call.reach(AnalyticsEndpoints.DETAIL_VIEW), json), 202);
    }

    /**
     * AsyncQueryStatus; while the job runs the answer may be 202 (setting {@code analyticsJobRunningStatus}:
     * the swagger names only 200, so a client must take any 2xx as the status, as the SDKs do).
     */
    private Answer status(Call call) {
        call.requireAny(AnalyticsEndpoints.DETAIL_VIEW);
        DetailJobs.Result result = DetailJobs.status(call.path("jobId"), call.world(), json);
        int running = call.world().settings().analytics().jobRunningStatus();
        return answer(result, result instanceof DetailJobs.Result.Body b && DetailJobs.running(b.body()) ? running : 200);
    }

    private Answer results(Call call) {
        call.requireAny(AnalyticsEndpoints.DETAIL_VIEW);
        Optional<String> cursor = Optional.ofNullable(call.ctx().queryParam("cursor")).filter(c -> !c.isBlank());
        String size = call.ctx().queryParam("pageSize");
        Optional<Integer> pageSize;
        try {
            pageSize = size == null || size.isBlank() ? Optional.empty() : Optional.of(Integer.parseInt(size));
        } catch (NumberFormatException e) {
            throw new PlatformError(ErrorBody.badRequest("pageSize must be a whole number, not " + size));
        }
        return answer(DetailJobs.results(call.path("jobId"), cursor, pageSize, call.world(), json), 200);
    }

    private Answer delete(Call call) {
        call.requireAny(AnalyticsEndpoints.DETAIL_VIEW);
        if (!DetailJobs.delete(call.path("jobId"), call.world())) {
            throw new PlatformError(ErrorBody.notFound("Job " + call.path("jobId") + " was not found"));
        }
        return Answer.empty(204);
    }

    private Answer availability(Call call) {
        call.requireAny(AnalyticsEndpoints.DETAIL_VIEW);
        return Answer.json(200, DetailJobs.availability(call.world(), json));
    }

    private static Answer answer(DetailJobs.Result result, int okStatus) {
        if (result instanceof DetailJobs.Result.Body body) {
            return Answer.json(okStatus, body.body());
        }
        if (result instanceof DetailJobs.Result.NotFound notFound) {
            throw new PlatformError(ErrorBody.notFound(notFound.message()));
        }
        if (result instanceof DetailJobs.Result.TooManyRunning tooMany) {
            return tooManyRunning(tooMany);
        }
        throw new PlatformError(AnalyticsEndpoints.refused(((DetailJobs.Result.Invalid) result).refusal()));
    }

    /**
     * The org runs as many jobs as it may (setting {@code analyticsMaxRunningJobs}; that such a cap exists,
     * its size, code and limit key are UNCONFIRMED): 429 with {@code Retry-After} until the first running job is done.
     */
    private static Answer tooManyRunning(DetailJobs.Result.TooManyRunning tooMany) {
        ErrorBody body = new ErrorBody(429, "too.many.requests.retry.after",
                "The organization already runs {running} conversation detail jobs, the most it may. Retry the request in [{retryAfter}] seconds",
                Map.of("running", Integer.toString(tooMany.running()), "retryAfter", Long.toString(tooMany.retryAfterSeconds())),
                Optional.of(new ErrorBody.Limit("analytics.conversation.details.jobs.concurrent", "analytics", tooMany.limit())));
        Answer answer = Answer.error(body);
        answer.headers().put("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
        return answer;
    }
}
