package dev.unstuck.core.sandbox;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The org most core tests stand on: one operator OAuth client ({@code core-operator}, the one
 * {@link SandboxFixture#operator()} signs in as) with what detection and ending need, one agent (Ana
 * Agent), the queues named, and the guests given.
 */
public final class Scenarios {
    private Scenarios() {
    }

    /**
     * @param settings the sandbox settings as a JSON object, e.g. {@code {"rateLimitPerMinute": 100000}}
     * @param guests the guests as JSON objects separated by commas (a trailing comma is fine)
     */
    public static String operatorOrg(int seed, String settings, List<String> queues, String guests) {
        String queueList = queues.stream().map(q -> "{\"name\": \"" + q + "\"}").collect(Collectors.joining(", "));
        String guestList = guests.strip();
        if (guestList.endsWith(",")) {
            guestList = guestList.substring(0, guestList.length() - 1);
        }
        return """
                {
                  "seed": %d,
                  "settings": %s,
                  "roles": [{"name": "operator", "permissions": ["conversation:communication:disconnect", "conversation:communication:view",
                      "analytics:conversationDetail:view", "routing:queue:view", "authorization:role:view", "oauth:client:view"]}],
                  "oauthClients": [{"id": "core-operator", "secret": "operator-secret", "name": "core operator", "roles": ["operator"]}],
                  "queues": [%s],
                  "agents": [{"name": "Ana Agent"}],
                  "guests": [%s]
                }
                """.formatted(seed, settings, queueList, guestList);
    }
}
