package dev.unstuck.core.engine;

import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.genesys.GenesysClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Ends one stuck conversation safely: look (re-read right before acting), plan, act, verify, record.
 * Conflicts lead to re-read and re-plan; a 403 stops with the missing permission; a conversation that
 * is gone or already over is a success with no steps. Thread-safe: one call per conversation.
 */
public final class Engine {

    private final GenesysClient client;
    private final AuditSink audit;
    private final EnginePolicy policy;
    private final Clock clock;

    public Engine(GenesysClient client, AuditSink audit, EnginePolicy policy) {
        this(client, audit, policy, Clock.systemUTC());
    }

    /** With the clock that stamps audit events. */
    public Engine(GenesysClient client, AuditSink audit, EnginePolicy policy, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public EnginePolicy policy() {
        return policy;
    }

    /**
     * Reads the conversation and plans, changing nothing.
     *
     * @throws dev.unstuck.core.genesys.GenesysException when the read fails (403, unreachable…)
     */
    public Inspection inspect(String conversationId, PlanOptions options) {
        Optional<Conversation> conversation = client.conversation(conversationId);
        return conversation.<Inspection>map(c -> new Inspection.Found(c, Planner.plan(c, options)))
                .orElseGet(() -> new Inspection.NotFound(conversationId));
    }

    /** Ends the conversation (or, for a dry run, plans it). Never throws for Genesys' answers: they become the outcome. */
    public Outcome end(String conversationId, EndRequest request) {
        return end(conversationId, request, Recheck.NONE);
    }

    /**
     * As {@link #end(String, EndRequest)}, with a second opinion on the fresh look: when {@code recheck}
     * objects, the conversation is {@link SkipReason#NO_LONGER_STUCK skipped} and nothing is changed; when what changed is that
     * someone else disconnected its queue or flow leg, it is {@link SkipReason#ENDING_ELSEWHERE skipped as being ended elsewhere}.
     */
    public Outcome end(String conversationId, EndRequest request, Recheck recheck) {
        EndRun run = new EndRun(client, audit, policy, clock, conversationId, request, recheck);
        // An ending's look, acts and verification keep their reserved share of the budget (ClientSettings).
        return client.acting(() -> client.observing(run::observe, run::execute));
    }

    /**
     * Finishes the endings that stopped runs (killed, crashed) left begun in this org: each is taken
     * over, its acts of unknown result recorded as such, then looked at again, planned and acted on as
     * any ending. Callers run this first, before new work. A dry run resumes nothing.
     *
     * @param request who asks now (and {@code force}); the reason is the stopped run's, marked as resumed
     */
    public List<Outcome> resume(EndRequest request) {
        if (request.dryRun()) {
            return List.of();
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Unfinished unfinished : audit.unfinished()) {
            String reason = "resumed after run " + unfinished.runId() + " stopped"
                    + (unfinished.reason().isEmpty() ? "" : ": " + unfinished.reason());
            outcomes.add(end(unfinished.conversationId(), new EndRequest(request.force(), false, reason, request.requestedBy(),
                    unfinished.detection())));
        }
        return outcomes;
    }
}
