package dev.unstuck.core.detect;

import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.QueueInfo;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Queue ids and names of the org, so rules and reports can use names; empty when the client may not list queues. */
final class QueueDirectory {
    private final Map<String, String> names;

    private QueueDirectory(Map<String, String> names) {
        this.names = names;
    }

    static QueueDirectory read(GenesysClient client) {
        Map<String, String> names = new LinkedHashMap<>();
        try {
            for (QueueInfo q : client.queues()) {
                names.put(q.id(), q.name());
            }
        } catch (GenesysException e) {
            if (e.status() != 403) {
                throw e;
            }
            // Without routing:queue:view rules and reports fall back to queue ids.
        }
        return new QueueDirectory(names);
    }

    Optional<String> idOf(String idOrName) {
        String key = idOrName.trim().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> q : names.entrySet()) {
            if (q.getKey().toLowerCase(Locale.ROOT).equals(key) || q.getValue().toLowerCase(Locale.ROOT).equals(key)) {
                return Optional.of(q.getKey());
            }
        }
        return names.isEmpty() ? Optional.of(idOrName.trim()) : Optional.empty();
    }

    java.util.Set<String> ids() {
        return names.keySet();
    }

    Optional<String> nameOf(String queueId) {
        return Optional.ofNullable(names.get(queueId));
    }

    Guest named(Guest guest) {
        return guest.queueId().map(names::get).map(guest::withQueueName).orElse(guest);
    }
}
