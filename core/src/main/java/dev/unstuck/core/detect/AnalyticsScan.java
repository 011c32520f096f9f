package dev.unstuck.core.detect;

import dev.unstuck.core.genesys.ConversationDetail;
import dev.unstuck.core.genesys.DetailsPage;
import dev.unstuck.core.genesys.DetailsQuery;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds guests through the analytics details query, page by page. The synchronous query fails (502)
 * past about 8,000 matches, so an interval that meets that is split in two and each half asked again,
 * down to one minute.
 */
public final class AnalyticsScan {

    private static final Duration NARROWEST = Duration.ofMinutes(1);

    private final GenesysClient client;

    public AnalyticsScan(GenesysClient client) {
        this.client = client;
    }

    /** Every conversation that started in {@code [from, to)} and is held by a queue of {@code queueIds}, or (none named) by any queue or a flow. */
    public List<ConversationDetail> held(Instant from, Instant to, List<String> queueIds) {
        Map<String, ConversationDetail> found = new LinkedHashMap<>();
        collect(DetailsQuery.held(from, to, queueIds), found);
        return List.copyOf(found.values());
    }

    /** These conversations as analytics has them now (one query per hundred); ones it does not know are absent. */
    public List<ConversationDetail> byIds(List<String> ids, Instant from, Instant to) {
        Map<String, ConversationDetail> found = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i += DetailsQuery.MAX_PAGE_SIZE) {
            List<String> batch = ids.subList(i, Math.min(ids.size(), i + DetailsQuery.MAX_PAGE_SIZE));
            collect(DetailsQuery.byIds(from, to, batch), found);
        }
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
        for (int page = 2; page <= pages; page++) {
            DetailsPage next = client.conversationDetails(query.page(page));
            if (next.conversations().isEmpty()) {
                break;
            }
            add(next, found);
        }
    }

    private static void add(DetailsPage page, Map<String, ConversationDetail> found) {
        for (ConversationDetail c : page.conversations()) {
            found.putIfAbsent(c.conversationId(), c);
        }
    }
}
