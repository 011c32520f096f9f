package dev.unstuck.core.detect;

import dev.unstuck.core.genesys.ConversationDetail;
import dev.unstuck.core.genesys.DetailsPage;
import dev.unstuck.core.genesys.DetailsQuery;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Finds guests through the analytics details query, page by page. The synchronous query fails (502)
 * past about 8,000 matches, so an interval that meets that is split in two and each half asked again,
 * down to one minute. Once the first page tells how many match, the other pages (and the batches of a
 * query by id) are asked {@code parallelism} at once: an analytics answer takes longer than the gap
 * the rate budget leaves between two calls, so asking one after the other would waste the budget.
 */
public final class AnalyticsScan {

    private static final Duration NARROWEST = Duration.ofMinutes(1);

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
     */
    public List<ConversationDetail> candidates(Instant from, Instant to, List<String> queueIds) {
        Map<String, ConversationDetail> found = new LinkedHashMap<>();
        collect(DetailsQuery.candidates(from, to, queueIds), found);
        return List.copyOf(found.values());
    }

    /** These conversations as analytics has them now (one query per hundred); ones it does not know are absent. */
    public List<ConversationDetail> byIds(List<String> ids, Instant from, Instant to) {
        List<Supplier<DetailsPage>> batches = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += DetailsQuery.MAX_PAGE_SIZE) {
            DetailsQuery query = DetailsQuery.byIds(from, to, ids.subList(i, Math.min(ids.size(), i + DetailsQuery.MAX_PAGE_SIZE)));
            batches.add(() -> client.conversationDetails(query));
        }
        Map<String, ConversationDetail> found = new LinkedHashMap<>();
        all(batches).forEach(page -> add(page, found));
        return List.copyOf(found.values());
    }

    private void collect(DetailsQuery query, Map<String, ConversationDetail> found) {
        DetailsPage first;
        try {
            first = client.conversationDetails(query);
        } catch (GenesysException e) {
            Duration span = Duration.between(query.from(), query.to());
            if (e.status() != 502 || span.compareTo(NARROWEST.multipliedBy(2)) < 0) {
                throw e;
            }
            Instant middle = query.from().plus(span.dividedBy(2));
            collect(query.within(query.from(), middle), found);
            collect(query.within(middle, query.to()), found);
            return;
        }
        add(first, found);
        int pages = (first.totalHits() + query.pageSize() - 1) / query.pageSize();
        List<Supplier<DetailsPage>> rest = new ArrayList<>();
        for (int page = 2; page <= pages; page++) {
            DetailsQuery next = query.page(page);
            rest.add(() -> client.conversationDetails(next));
        }
        all(rest).forEach(page -> add(page, found));
    }

    /** The answers in the order asked, {@code parallelism} at a time. */
    private List<DetailsPage> all(List<Supplier<DetailsPage>> calls) {
        if (calls.size() <= 1 || parallelism == 1) {
            return calls.stream().map(Supplier::get).toList();
        }
        return InParallel.all(calls, parallelism, "unstuck-analytics", "the analytics scan");
    }

    private static void add(DetailsPage page, Map<String, ConversationDetail> found) {
        for (ConversationDetail c : page.conversations()) {
            found.putIfAbsent(c.conversationId(), c);
        }
    }
}
