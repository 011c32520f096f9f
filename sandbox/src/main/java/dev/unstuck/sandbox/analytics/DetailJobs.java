package dev.unstuck.sandbox.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.conversation.Conversation;
import dev.unstuck.sandbox.org.Reach;
import dev.unstuck.sandbox.world.JobStore;
import dev.unstuck.sandbox.world.JobStore.Job;
import dev.unstuck.sandbox.world.World;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The asynchronous conversation detail jobs ({@code /api/v2/analytics/conversations/details/jobs}): a
 * job is QUEUED, then PENDING, then FULFILLED {@code analyticsJobDelaySeconds} after it was submitted
 * (FAILED when the control API says so, CANCELLED when deleted while it runs, EXPIRED once its results
 * are no longer kept). Its data is the org as analytics held it at the job's data availability date,
 * which trails the moment it was fulfilled by {@code analyticsJobAvailabilityLagSeconds} (the jobs read
 * a data lake: "Lookup the datalake availability date and time"; a day by default): nothing after that
 * date is in it. No 8,000 limit, but at most the query's {@code limit} results; results are read page by
 * page with a cursor. At most {@code analyticsMaxRunningJobs} run at once per org; one more is refused
 * (429). States follow the sandbox clock, so a manual clock moves jobs along. Not thread-safe: callers
 * hold the state lock. The jobs themselves are data the world keeps ({@link JobStore}); this class is
 * their rules and works over that store.
 */
public final class DetailJobs {
    /** How long results stay after a job is fulfilled (UNCONFIRMED: the SDK only says results expire). */
    static final Duration RESULTS_KEPT = Duration.ofHours(24);
    static final int DEFAULT_PAGE_SIZE = 100;
    /** The largest results page (UNCONFIRMED). */
    public static final int MAX_PAGE_SIZE = 1000;

    private DetailJobs() {}

    private static String state(Job job, Instant now) {
        if (job.failure().isPresent()) {
            return "FAILED";
        }
        if (job.cancelled()) {
            return "CANCELLED";
        }
        if (now.isBefore(job.due())) {
            Duration half = Duration.between(job.submitted(), job.due()).dividedBy(2);
            return now.isBefore(job.submitted().plus(half)) ? "QUEUED" : "PENDING";
        }
        return now.isBefore(job.due().plus(RESULTS_KEPT)) ? "FULFILLED" : "EXPIRED";
    }

    private static boolean running(Job job, Instant now) {
        String state = state(job, now);
        return state.equals("QUEUED") || state.equals("PENDING");
    }

    /** The job's query, parsed again: it was found valid when the job was submitted and parsing is pure. */
    private static QuerySpec spec(Job job) {
        return QuerySpec.parse(job.query());
    }

    /** What a call about jobs gives; the HTTP side turns each into its answer. */
    public sealed interface Result {
        record Body(JsonNode body) implements Result {}

        record Invalid(Refusal refusal) implements Result {
            Invalid(String message) {
                this(Refusal.of(message));
            }
        }

        record NotFound(String message) implements Result {}

        /** The org already runs as many jobs as it may: try again once one is done ({@code retryAfterSeconds}). */
        record TooManyRunning(int running, int limit, long retryAfterSeconds) implements Result {}
    }

    /**
     * {@code POST .../details/jobs}: the same body as the synchronous query (paging is not used); answers
     * {@code jobId}. The job sees what the caller's {@code reach} lets it see.
     */
    public static Result submit(JsonNode body, World world, Reach reach, ObjectMapper json) {
        QuerySpec spec;
        try {
            spec = QuerySpec.parse(body);
        } catch (Filter.Invalid e) {
            return new Result.Invalid(e.refusal());
        }
        Optional<Integer> limit = Optional.empty();
        if (body.hasNonNull("limit")) {
            if (!body.get("limit").canConvertToInt() || body.get("limit").asInt() < 1) {
                return new Result.Invalid(new Refusal("limit must be a whole number of at least 1, not {value}",
                        Map.of("value", body.get("limit").toString())));
            }
            limit = Optional.of(body.get("limit").asInt());
        }
        Instant now = world.now();
        JobStore jobs = world.analyticsJobs();
        List<Job> running = jobs.all().stream().filter(j -> running(j, now)).toList();
        int most = world.settings().analytics().maxRunningJobs();
        if (running.size() >= most) {
            Instant firstDone = running.stream().map(Job::due).min(Instant::compareTo).orElse(now);
            return new Result.TooManyRunning(running.size(), most, Math.max(1, Duration.between(now, firstDone).toSeconds()));
        }
        Instant due = now.plusSeconds(world.settings().analyticsJobDelaySeconds());
        Instant availability = due.minusSeconds(world.settings().analyticsJobAvailabilityLagSeconds());
        String id = UUID.nameUUIDFromBytes((world.seed() + "/job/" + jobs.nextNumber()).getBytes(StandardCharsets.UTF_8)).toString();
        jobs.put(new Job(id, body, now, due, availability, reach, limit, Optional.empty(), false, Optional.empty()));
        return new Result.Body(json.createObjectNode().put("jobId", id));
    }

    /** Whether a job's status says it still runs (QUEUED or PENDING): the platform may answer that 202. */
    public static boolean running(JsonNode status) {
        String state = status.path("state").asText("");
        return state.equals("QUEUED") || state.equals("PENDING");
    }

    /** {@code GET .../details/jobs/{jobId}}: an AsyncQueryStatus. */
    public static Result status(String jobId, World world, ObjectMapper json) {
        Optional<Job> job = world.analyticsJobs().job(jobId);
        if (job.isEmpty()) {
            return notFound(jobId);
        }
        return new Result.Body(statusJson(job.get(), world.now(), json));
    }

    /** {@code GET .../details/jobs/{jobId}/results?cursor=&pageSize=}: an AnalyticsConversationAsyncQueryResponse. */
    public static Result results(String jobId, Optional<String> cursor, Optional<Integer> pageSize, World world, ObjectMapper json) {
        Optional<Job> found = world.analyticsJobs().job(jobId);
        if (found.isEmpty()) {
            return notFound(jobId);
        }
        Job job = found.get();
        String state = state(job, world.now());
        if (!state.equals("FULFILLED")) {
            // The platform's answer for results of a job that is not FULFILLED is UNCONFIRMED; 400 is the sandbox's.
            return new Result.Invalid("Job " + jobId + " is " + state + "; its results can be read once it is FULFILLED");
        }
        int size = pageSize.orElse(DEFAULT_PAGE_SIZE);
        if (size < 1 || size > MAX_PAGE_SIZE) {
            return new Result.Invalid("pageSize must be 1.." + MAX_PAGE_SIZE);
        }
        int from = 0;
        if (cursor.isPresent()) {
            Optional<Integer> offset = offset(job, cursor.get());
            if (offset.isEmpty()) {
                return new Result.Invalid("The cursor " + cursor.get() + " is not a cursor of job " + jobId);
            }
            from = offset.get();
        }
        List<String> matches = matches(job, world);
        ObjectNode out = json.createObjectNode();
        ArrayNode conversations = json.createArrayNode();
        int to = Math.min(matches.size(), from + size);
        for (int i = from; i < to; i++) {
            Optional<Conversation> c = world.conversation(matches.get(i));
            c.ifPresent(conversation -> conversations.add(DetailRecord.of(world, conversation, job.dataAvailability()).toJson(json)));
        }
        if (!conversations.isEmpty()) {
            out.set("conversations", conversations);
        }
        if (to < matches.size()) {
            out.put("cursor", cursorAt(job, to));
        }
        out.put("dataAvailabilityDate", job.dataAvailability().toString());
        return new Result.Body(out);
    }

    /**
     * {@code DELETE .../details/jobs/{jobId}} ("Delete/cancel an async details job"): a job still running is
     * cancelled (its status says CANCELLED from then on); any other is removed (404 from then on). False
     * when there is no such job.
     */
    public static boolean delete(String jobId, World world) {
        JobStore jobs = world.analyticsJobs();
        Optional<Job> job = jobs.job(jobId);
        if (job.isEmpty()) {
            return false;
        }
        if (running(job.get(), world.now())) {
            jobs.put(job.get().cancel());
        } else {
            jobs.remove(jobId);
        }
        return true;
    }

    /** {@code GET .../details/jobs/availability}: what a job submitted now would cover. */
    public static JsonNode availability(World world, ObjectMapper json) {
        return json.createObjectNode().put("dataAvailabilityDate",
                world.now().minusSeconds(world.settings().analyticsJobAvailabilityLagSeconds()).toString());
    }

    /** Control API: the job fails with this message (the platform's FAILED state). */
    public static boolean fail(String jobId, String message, World world) {
        JobStore jobs = world.analyticsJobs();
        Optional<Job> job = jobs.job(jobId);
        job.ifPresent(j -> jobs.put(j.failed(message)));
        return job.isPresent();
    }

    /** Control API: every job with its state. */
    public static ArrayNode list(World world, ObjectMapper json) {
        ArrayNode a = json.createArrayNode();
        for (Job job : world.analyticsJobs().all()) {
            QuerySpec spec = spec(job);
            a.add(statusJson(job, world.now(), json).put("jobId", job.id()).put("interval", spec.start() + "/" + spec.end())
                    .put("dataAvailabilityDate", job.dataAvailability().toString()));
        }
        return a;
    }

    private static ObjectNode statusJson(Job job, Instant now, ObjectMapper json) {
        String state = state(job, now);
        ObjectNode n = json.createObjectNode().put("state", state);
        job.failure().ifPresent(m -> n.put("errorMessage", m));
        n.put("submissionDate", job.submitted().toString());
        if (state.equals("FULFILLED") || state.equals("EXPIRED")) {
            n.put("completionDate", job.due().toString());
            n.put("expirationDate", job.due().plus(RESULTS_KEPT).toString());
        }
        return n;
    }

    /** The matching conversation ids, worked out once when first read after the job is due (the view is of a fixed past moment). */
    private static List<String> matches(Job job, World world) {
        if (job.matches().isPresent()) {
            return job.matches().get();
        }
        QuerySpec spec = spec(job);
        List<DetailRecord> found = new ArrayList<>();
        for (DetailRecord r : DetailSource.asOf(world, job.dataAvailability(), job.reach(), start -> true, spec::mayMatchId)) {
            if (spec.overlaps(r) && spec.matches(r)) {
                found.add(r);
            }
        }
        found.sort(spec.ordering());
        List<String> matches = found.stream().map(r -> r.conversation().id()).limit(job.limit().orElse(Integer.MAX_VALUE)).toList();
        world.analyticsJobs().put(job.withMatches(matches));
        return matches;
    }

    private static String cursorAt(Job job, int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((job.id() + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<Integer> offset(Job job, String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(job.id() + ":")) {
                return Optional.empty();
            }
            int offset = Integer.parseInt(text.substring(job.id().length() + 1));
            return offset >= 0 ? Optional.of(offset) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Result notFound(String jobId) {
        return new Result.NotFound("Job " + jobId + " was not found");
    }
}
