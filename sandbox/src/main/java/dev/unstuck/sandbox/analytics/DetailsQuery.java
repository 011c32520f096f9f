package dev.unstuck.sandbox.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.org.Reach;
import dev.unstuck.sandbox.world.World;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code POST /api/v2/analytics/conversations/details/query}: every conversation that started on a UTC
 * day the interval touches (not only within the interval), as analytics saw it {@code analyticsLagSeconds}
 * ago; then conversation filters, then segment filters, then {@code orderBy}/{@code order} and paging;
 * {@code totalHits} approximate. Intervals longer than 7 days without filters, or 31 days with filters,
 * are refused.
 */
public final class DetailsQuery {
    public static final int MAX_PAGE_SIZE = 100;
    static final Duration LONGEST_UNFILTERED = Duration.ofDays(7);
    static final Duration LONGEST_FILTERED = Duration.ofDays(31);

    /** What running a query gives; the HTTP side turns each into its answer. */
    public sealed interface Result {
        record Page(ObjectNode body) implements Result {}

        record Invalid(Refusal refusal) implements Result {
            Invalid(String message) {
                this(Refusal.of(message));
            }
        }

        /** More matches than the synchronous query can hold: the platform fails the request (502). */
        record TooManyMatches(int matches, int limit) implements Result {}
    }

    private final ObjectMapper json;

    public DetailsQuery(ObjectMapper json) {
        this.json = json;
    }

    /** Runs the query over the conversations in the caller's {@code reach}: the platform leaves the others out. */
    public Result run(JsonNode body, World world, Reach reach) {
        try {
            QuerySpec spec = QuerySpec.parse(body);
            int pageSize = body.path("paging").path("pageSize").asInt(25);
            int pageNumber = body.path("paging").path("pageNumber").asInt(1);
            if (pageSize < 1 || pageSize > MAX_PAGE_SIZE || pageNumber < 1) {
                return new Result.Invalid("paging.pageSize must be 1.." + MAX_PAGE_SIZE + " and paging.pageNumber at least 1");
            }
            Duration longest = spec.hasFilters() ? LONGEST_FILTERED : LONGEST_UNFILTERED;
            if (spec.length().compareTo(longest) > 0) {
                return new Result.Invalid("The interval " + body.path("interval").asText() + " is longer than "
                        + longest.toDays() + " days, the most a query " + (spec.hasFilters() ? "with" : "without")
                        + " filters may span");
            }
            List<DetailRecord> matches = new ArrayList<>();
            for (DetailRecord r : DetailSource.asOf(world, DetailSource.syncAsOf(world), reach, spec::touchesDayOf, spec::mayMatchId)) {
                if (spec.matches(r)) {
                    matches.add(r);
                }
            }
            int limit = world.settings().analyticsMaxMatches();
            if (matches.size() > limit) {
                return new Result.TooManyMatches(matches.size(), limit);
            }
            matches.sort(spec.ordering());
            ObjectNode out = json.createObjectNode();
            ArrayNode conversations = json.createArrayNode();
            int from = (pageNumber - 1) * pageSize;
            for (int i = from; i < Math.min(matches.size(), from + pageSize); i++) {
                conversations.add(matches.get(i).toJson(json));
            }
            // The platform leaves conversations out entirely when a page is empty.
            if (!conversations.isEmpty()) {
                out.set("conversations", conversations);
            }
            out.put("totalHits", approximate(matches.size(), world, body, pageNumber));
            return new Result.Page(out);
        } catch (Filter.Invalid e) {
            return new Result.Invalid(e.refusal());
        }
    }

    /**
     * {@code totalHits} as the platform gives it: an estimate, within {@code analyticsTotalHitsSpreadPercent}
     * of the true count either way, and not the same on every page of one query (a client that pages by it
     * alone misses the last page or asks for an empty one). Drawn from the scenario's seed, the query and
     * the page, so a run repeats. The size of the error is the sandbox's choice (UNCONFIRMED).
     */
    static int approximate(int exact, World world, JsonNode body, int pageNumber) {
        int spread = world.settings().analytics().totalHitsSpreadPercent();
        if (spread == 0 || exact == 0) {
            return exact;
        }
        JsonNode query = body.deepCopy();
        if (query instanceof ObjectNode q) {
            q.remove("paging");
        }
        long seed = world.seed() * 1_000_003L + query.toString().hashCode() * 31L + pageNumber;
        double error = new SplittableRandom(seed).nextDouble(-1, 1) * spread / 100.0;
        return Math.max(0, (int) Math.round(exact * (1 + error)));
    }
}
