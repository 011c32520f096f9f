package dev.unstuck.app;

import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Client;
import java.util.Arrays;

/**
 * The org app's tests stand on: one operator OAuth client (named "ops") that may end and read
 * conversations, read analytics and queues, under a rate limit no test reaches. Each test adds its
 * queues, agents and guests.
 */
public final class Scenarios {
    /** What the operator may do: anything with conversations and analytics, and read queues. */
    public static final String[] OPERATOR = {"conversation:*:*", "analytics:*:*", "routing:queue:view"};

    private Scenarios() {
    }

    /** With {@link #OPERATOR}'s permissions and {@code more} (e.g. {@code authorization:role:view} for doctor). */
    public static ScenarioBuilder operatorOrg(long seed, String clientId, String secret, String... more) {
        String[] permissions = Arrays.copyOf(OPERATOR, OPERATOR.length + more.length);
        System.arraycopy(more, 0, permissions, OPERATOR.length, more.length);
        return ScenarioBuilder.seed(seed).setting("rateLimitPerMinute", 100_000).role("operator", permissions)
                .client(Client.of(clientId, secret).name("ops").roles("operator"));
    }
}
