package dev.unstuck.core.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of the audit: a plan, a step or an outcome.
 *
 * @param kind {@code plan}, {@code step} or {@code outcome}
 * @param stateBefore compact legs text before ({@code customer:connected acd(Support):connected}); empty when unknown
 * @param stateAfter compact legs text after; empty when not known (plans, steps) or the conversation is gone
 */
public record AuditEvent(Instant at, String conversationId, String kind, String summary, String stateBefore,
                         String stateAfter, String requestedBy, String reason, List<String> correlationIds) {

    public static final String PLAN = "plan";
    public static final String STEP = "step";
    public static final String OUTCOME = "outcome";

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(stateBefore, "stateBefore");
        Objects.requireNonNull(stateAfter, "stateAfter");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(reason, "reason");
        correlationIds = List.copyOf(correlationIds);
    }
}
