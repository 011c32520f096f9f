package dev.unstuck.core.sandbox;

import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Client;
import java.util.Arrays;

/**
 * The org most core tests stand on: one operator OAuth client ({@code core-operator}, the one
 * {@link SandboxFixture#operator()} signs in as) with what detection and ending need, and a rate limit
 * no test reaches. Each test adds its queues, agents and guests (and settings) to it.
 */
public final class Scenarios {
    /** What the operator may do: end and read conversations, read analytics, queues, roles and clients. */
    public static final String[] OPERATOR = {"conversation:communication:disconnect", "conversation:communication:view",
            "analytics:conversationDetail:view", "routing:queue:view", "authorization:role:view", "oauth:client:view"};

    private Scenarios() {
    }

    /** With {@link #OPERATOR}'s permissions and {@code more} (e.g. {@code analytics:queueObservation:view}). */
    public static ScenarioBuilder operatorOrg(long seed, String... more) {
        String[] permissions = Arrays.copyOf(OPERATOR, OPERATOR.length + more.length);
        System.arraycopy(more, 0, permissions, OPERATOR.length, more.length);
        return ScenarioBuilder.seed(seed).setting("rateLimitPerMinute", 100_000).role("operator", permissions)
                .client(Client.of("core-operator", "operator-secret").name("core operator").roles("operator"));
    }
}
