package dev.unstuck.core.detect;

import dev.unstuck.core.genesys.ConversationDetail;
import dev.unstuck.core.genesys.DetailsAnswer;
import dev.unstuck.core.genesys.DetailsJobs;
import dev.unstuck.core.genesys.DetailsPage;
import dev.unstuck.core.genesys.DetailsQuery;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds guests through analytics. The synchronous details query answers every conversation that
 * started on a UTC day its interval touches and refuses (502) past about 8,000 matches, so a narrower
 * interval never helps within a day. Instead:
 * <ol>
 * <li>ask for the whole (every queue and flow, or the queues named) in one query;</li>
 * <li>when that is too many, ask per queue, and for the guests a flow holds now apart (a guest left
 *     behind by a flow alone, never in a queue, is then not listed: the whole query would have);</li>
 * <li>a part still too many is split at the jobs' data availability date (a real org's jobs read a data
 *     lake up to 48 hours behind): what is older is asked synchronously, and through an asynchronous
 *     details job when that too is too many; what is newer is asked synchronously, and when that is too
 *     many, a queue's part is left to {@link Drain} (observation-driven draining: the waiting guests past
 *     {@code maxWait}) and a flow's part is reported not listed.</li>
 * </ol>
 * "Too many" is judged by {@code totalHits} with a margin and by a 502 or 504 that outlasts the retries
 * ({@link DetailsAnswer}), never by an error's wording. Whatever Genesys returns, only conversations that
 * started in the range asked for are kept, and pages (oldest first) stop once one reaches past the range:
 * today's young guests cost no pages. Once a query's first page tells how many match, the other pages
 * (and the batches of a query by id) are asked {@code parallelism} at once: an analytics answer takes
 * longer than the gap the rate budget leaves between two calls.
 */
public final class AnalyticsScan {

    /** The longest a scan waits for one job (the platform's usual time is UNCONFIRMED). */
    static final Duration LONGEST_JOB_WAIT = Duration.ofMinutes(10);

    /**
     * What a scan found, and the parts it could not list, each with why.
     *
     * @param jobs how many asynchronous jobs it needed
     * @param toDrain queues whose newest part (after the jobs' availability date) analytics could not list:
     *     their waiting guests are for {@link Drain}
     */
    public record Result(List<ConversationDetail> conversations, List<String> unlisted, int jobs, List<String> toDrain) {

        public Result {
            conversations = List.copyOf(conversations);
            unlisted = List.copyOf(unlisted);
            toDrain = List.copyOf(toDrain);
        }

        public Result(List<ConversationDetail> conversations, List<String> unlisted, int jobs) {
            this(conversations, unlisted, jobs, List.of());
        }
    }

    private final GenesysClient client;
    private final int parallelism;

    public AnalyticsScan(GenesysClient client, int parallelism) {
        this.client = client;
        this.parallelism = Math.max(1, parallelism);
    }

    /**
     * Every conversation that started in {@code [from, to)}, has not ended and was held by a queue of
     * {@code queueIds}, or (none named) by any queue or a flow, now or earlier: detection's candidates,
     * the guests left behind by their queue included (see {@link DetailsQuery}).
     *
     * @param orgQueues the org's queue ids, asked only when the whole must be split (none named)
     */
    public Result candidates(Instant from, Instant to, List<String> queueIds, Supplier<Collection<String>> orgQueues) {
        Run run = new Run();
        DetailsQuery whole = DetailsQuery.candidates(from, to, queueIds);
        run.collect(whole, () -> {
            List<DetailsQuery> parts = new ArrayList<>();
            Collection<String> queues = queueIds.isEmpty() ? orgQueues.get() : queueIds;
            if (queues.size() <= 1 && !queueIds.isEmpty()) {
                return parts;
            }
            for (String queueId : queues) {
                parts.add(DetailsQuery.candidates(from, to, List.of(queueId)));
            }
            if (queueIds.isEmpty() && !parts.isEmpty()) {
                parts.add(DetailsQuery.inFlow(from, to));
            }
            return parts;
        });
        return new Result(List.copyOf(run.found.values()), run.unlisted, run.jobs, run.toDrain);
    }

    /** These conversations as analytics has them now (one query per hundred); ones it does not know are absent. */
    public List<ConversationDetail> byIds(List<String> ids, Instant from, Instant to) {
        List<Supplier<DetailsPage>> batches = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += DetailsQuery.MAX_PAGE_SIZE) {
            DetailsQuery query = DetailsQuery.byIds(from, to, ids.subList(i, Math.min(ids.size(), i + DetailsQuery.MAX_PAGE_SIZE)));
            batches.add(() -> client.conversationDetails(query));
        }
        Map<String, ConversationDetail> found = new LinkedHashMap<>();
        all(batches).forEach(page -> page.conversations().forEach(c -> found.putIfAbsent(c.conversationId(), c)));
        return List.copyOf(found.values());
    }

    /** One scan's state: what was found (by id), what could not be listed, what is left to draining. */
    private final class Run {
        final Map<String, ConversationDetail> found = new LinkedHashMap<>();
        final List<String> unlisted = new ArrayList<>();
        final List<String> toDrain = new ArrayList<>();
        int jobs;
        private Optional<Instant> availability;

        /**
         * The query's matches; when too many, those of each part {@code split} gives, or (no parts) of the
         * query itself, each split at the jobs' availability date. The jobs of all parts are submitted before
         * any is waited for, so they run together.
         */
        void collect(DetailsQuery query, Supplier<List<DetailsQuery>> split) {
            Optional<String> refused = synchronously(query, query, false);
            if (refused.isEmpty()) {
                return;
            }
            List<DetailsQuery> parts = split.get();
            Map<DetailsQuery, String> tooBig = new LinkedHashMap<>();
            if (parts.isEmpty()) {
                tooBig.put(query, refused.get());
            }
            for (DetailsQuery part : parts) {
                synchronously(part, part, false).ifPresent(why -> tooBig.put(part, why));
            }
            DetailsJobs detailsJobs = client.detailsJobs();
            Map<DetailsQuery, String> submitted = new LinkedHashMap<>();
            for (DetailsQuery part : tooBig.keySet()) {
                // Unknown availability: a job for all of it, as if the lake were current.
                Instant available = availability(detailsJobs).orElse(part.to());
                Instant lake = available.isBefore(part.from()) ? part.from() : available.isAfter(part.to()) ? part.to() : available;
                if (lake.isAfter(part.from())) {
                    // The older part: one synchronous query when it is small (the busy days are usually the last), else a job.
                    DetailsQuery older = part.within(part.from(), lake);
                    if (lake.equals(part.to()) || synchronously(older, older, false).isPresent()) {
                        submitted.put(older, detailsJobs.submit(older));
                        jobs++;
                    }
                }
                if (lake.isBefore(part.to())) {
                    DetailsQuery newer = part.within(lake, part.to());
                    Optional<String> why = lake.equals(part.from()) ? Optional.of(tooBig.get(part)) : synchronously(newer, newer, false);
                    why.ifPresent(w -> beyondAnalytics(newer, w));
                }
            }
            submitted.forEach((part, jobId) -> fromJob(detailsJobs, part, jobId));
        }

        /** {@code GET …/jobs/availability}, asked once a scan: jobs hold data up to this moment. */
        private Optional<Instant> availability(DetailsJobs detailsJobs) {
            if (availability == null) {
                availability = detailsJobs.availability();
            }
            return availability;
        }

        /**
         * A part too big for the synchronous query and too new for a job. A queue's part lists its oldest
         * waiting (up to 50, by queue observation, then by id) and is left to draining; a flow's is not listed.
         */
        private void beyondAnalytics(DetailsQuery part, String why) {
            boolean queues = part.shape() == DetailsQuery.Shape.CANDIDATES && !part.ids().isEmpty();
            if (!queues) {
                unlisted.add(part.describe() + " since " + part.from() + ": " + why);
                return;
            }
            List<String> observed = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (String queueId : part.ids()) {
                try {
                    client.waiting(queueId).listed().stream().filter(w -> w.since().isBefore(part.to()))
                            .forEach(w -> ids.add(w.conversationId()));
                    observed.add(queueId);
                } catch (GenesysException e) {
                    if (e.status() != 403) {
                        throw e;
                    }
                    // Said once, here: draining would ask the same observation and be refused the same way.
                    unlisted.add(part.describe() + " since " + part.from() + ": " + why + "; queue " + queueId + " not drained: the"
                            + " client lacks analytics:queueObservation:view (add it to the client's role; " + e.getMessage() + ")");
                }
            }
            if (!observed.isEmpty()) {
                toDrain.addAll(observed);
                unlisted.add(part.describe() + " since " + part.from() + ": " + why + "; its oldest waiting are listed by queue"
                        + " observation and drained past maxWait in rounds (sweep and watch), but loops and orphans here are not listed");
            }
            if (!ids.isEmpty()) {
                add(byIds(ids, part.from(), part.to()), part, false);
            }
        }

        /**
         * Every page of {@code query}, keeping what {@code asked} admits ({@code fresher}: replacing what a
         * job said of the same conversation); why not, when too many match (also when a later page is refused).
         */
        Optional<String> synchronously(DetailsQuery query, DetailsQuery asked, boolean fresher) {
            DetailsAnswer answer = client.details(query);
            if (answer instanceof DetailsAnswer.TooManyMatches tooMany) {
                return Optional.of(tooMany.why());
            }
            DetailsPage first = ((DetailsAnswer.Page) answer).page();
            add(first.conversations(), asked, fresher);
            // totalHits is an estimate that differs from page to page: page in parallel up to it, then one page at
            // a time while pages come full, so neither an undercount loses the last page nor an overcount costs more than one.
            int estimate = (first.totalHits() + query.pageSize() - 1) / query.pageSize();
            boolean more = first.conversations().size() == query.pageSize();
            // Pages come oldest first, and Genesys answers the whole day: once a page reaches past the range
            // asked for (the young guests of today), the pages after it hold nothing to keep.
            boolean past = pastRange(first, asked);
            for (int from = 2; more && !past; ) {
                int upTo = from <= estimate ? Math.min(estimate, from + parallelism - 1) : from;
                List<Supplier<DetailsPage>> batch = new ArrayList<>();
                for (int page = from; page <= upTo; page++) {
                    DetailsQuery next = query.page(page);
                    batch.add(() -> client.conversationDetails(next));
                }
                List<DetailsPage> answered;
                try {
                    answered = all(batch);
                } catch (GenesysException e) {
                    if (e.status() == 502 || e.status() == 504) {
                        // totalHits is approximate: a later page may be refused although the first was not.
                        return Optional.of("analytics answered " + e.status() + " to page " + from + " after every retry");
                    }
                    throw e;
                }
                for (DetailsPage page : answered) {
                    add(page.conversations(), asked, fresher);
                    past |= pastRange(page, asked);
                    more &= page.conversations().size() == query.pageSize();
                }
                from = upTo + 1;
            }
            return Optional.empty();
        }

        private static boolean pastRange(DetailsPage page, DetailsQuery asked) {
            List<ConversationDetail> conversations = page.conversations();
            return !conversations.isEmpty() && !conversations.get(conversations.size() - 1).start().isBefore(asked.to());
        }

        /** A submitted job's results for the query (which ends at or before the jobs' availability date). */
        void fromJob(DetailsJobs detailsJobs, DetailsQuery query, String jobId) {
            DetailsJobs.Status status = detailsJobs.await(jobId, LONGEST_JOB_WAIT);
            if (!status.fulfilled()) {
                detailsJobs.delete(jobId);
                unlisted.add(query.describe() + " before " + query.to() + ": the analytics job ended " + status.state()
                        + status.errorMessage().map(m -> " (" + m + ")").orElse(""));
                return;
            }
            Optional<String> cursor = Optional.empty();
            Optional<Instant> availability = Optional.empty();
            do {
                DetailsJobs.ResultsPage page = detailsJobs.results(jobId, cursor);
                add(page.conversations(), query, false);
                availability = page.dataAvailabilityDate();
                cursor = page.cursor();
            } while (cursor.isPresent());
            detailsJobs.delete(jobId);
            if (availability.isPresent() && availability.get().isBefore(query.to())) {
                // The lake moved back since it was asked (another region's replica?): say so rather than guess.
                unlisted.add(query.describe() + " from " + availability.get() + " to " + query.to() + ": the job's data ends before it");
            }
        }

        void add(List<ConversationDetail> conversations, DetailsQuery asked, boolean fresher) {
            synchronized (found) {
                for (ConversationDetail c : conversations) {
                    if (!asked.admits(c.start())) {
                        continue;
                    }
                    if (fresher) {
                        found.put(c.conversationId(), c);
                    } else {
                        found.putIfAbsent(c.conversationId(), c);
                    }
                }
            }
        }
    }

    /** The answers in the order asked, {@code parallelism} at a time. */
    private List<DetailsPage> all(List<Supplier<DetailsPage>> calls) {
        if (calls.size() <= 1 || parallelism == 1) {
            return calls.stream().map(Supplier::get).toList();
        }
        return InParallel.all(calls, parallelism, "unstuck-analytics", "the analytics scan");
    }
}
