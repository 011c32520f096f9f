package dev.unstuck.core.access;

import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.QueueInfo;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which queues of the org the client cannot see. The queue listing ({@code routing:queue:view}) leaves
 * out, without a word, the queues of divisions the client has no role in; only the org-wide digest
 * {@code GET /api/v2/routing/queues/divisionviews/all} ({@code routing:queue:search}) shows them, so
 * without that permission the hidden queues can be neither counted nor named.
 */
public sealed interface QueueVisibility {

    /** Both listings were read: {@code hidden} are the queues of the digest missing from the listing. */
    record Known(int visible, List<QueueInfo> hidden) implements QueueVisibility {
        public Known {
            hidden = List.copyOf(hidden);
        }
    }

    /** One listing could not be read; {@code why} says which and what would tell. */
    record Unknown(String why) implements QueueVisibility {}

    String SEARCH = "routing:queue:search";

    static QueueVisibility check(GenesysClient client) {
        List<QueueInfo> visible;
        try {
            visible = client.queues();
        } catch (GenesysException e) {
            if (e.status() == 403) {
                return new Unknown("the client cannot list queues (routing:queue:view)");
            }
            throw e;
        }
        List<QueueInfo> all;
        try {
            all = client.allQueues();
        } catch (GenesysException e) {
            if (e.status() == 403 || e.status() == 404) {
                return new Unknown("listing every queue of the org needs " + SEARCH
                        + " (GET /api/v2/routing/queues/divisionviews/all); without it queues outside the client's divisions cannot be counted");
            }
            throw e;
        }
        Set<String> seen = visible.stream().map(QueueInfo::id).collect(Collectors.toSet());
        return new Known(visible.size(), all.stream().filter(q -> !seen.contains(q.id())).toList());
    }
}
