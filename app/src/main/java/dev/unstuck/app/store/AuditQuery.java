package dev.unstuck.app.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a reader of the audit asks for, every filter a column: a time window, one org, conversation,
 * run, outcome word, queue (name or id), rule ({@code looping}…; {@link #MANUAL} for endings a person
 * asked for), caller; whether dry runs count; at most so many rows (newest kept); and for paging, only
 * rows older than a row id (the previous page's last).
 */
public record AuditQuery(Optional<Instant> since, Optional<String> conversationId, Optional<String> runId,
                         Optional<String> outcome, boolean includeDryRuns, int limit, Optional<Instant> until,
                         Optional<String> org, Optional<String> queue, Optional<String> rule, Optional<String> caller,
                         OptionalLong beforeId) {

    /** The rule word of endings no detection rule asked for (their rule column is empty). */
    public static final String MANUAL = "manual";

    public AuditQuery {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(beforeId, "beforeId");
    }

    /** The filters `unstuck audit` has. */
    public AuditQuery(Optional<Instant> since, Optional<String> conversationId, Optional<String> runId, Optional<String> outcome,
                      boolean includeDryRuns, int limit) {
        this(since, conversationId, runId, outcome, includeDryRuns, limit, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), OptionalLong.empty());
    }

    /** Everything (dry runs too), newest {@code limit} rows. */
    public static AuditQuery all(int limit) {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true, limit);
    }

    public static AuditQuery ofRun(String runId) {
        return all(10_000).withRun(runId);
    }

    public AuditQuery withRun(String run) {
        return new AuditQuery(since, conversationId, Optional.of(run), outcome, includeDryRuns, limit, until, org, queue, rule, caller, beforeId);
    }

    public AuditQuery withConversation(String id) {
        return new AuditQuery(since, Optional.of(id), runId, outcome, includeDryRuns, limit, until, org, queue, rule, caller, beforeId);
    }

    public AuditQuery since(Instant floor) {
        return new AuditQuery(Optional.of(floor), conversationId, runId, outcome, includeDryRuns, limit, until, org, queue, rule, caller, beforeId);
    }

    public AuditQuery until(Instant ceiling) {
        return new AuditQuery(since, conversationId, runId, outcome, includeDryRuns, limit, Optional.of(ceiling), org, queue, rule, caller, beforeId);
    }

    public AuditQuery withOutcome(String word) {
        return new AuditQuery(since, conversationId, runId, Optional.of(word), includeDryRuns, limit, until, org, queue, rule, caller, beforeId);
    }

    public AuditQuery withOrg(String name) {
        return new AuditQuery(since, conversationId, runId, outcome, includeDryRuns, limit, until, Optional.of(name), queue, rule, caller, beforeId);
    }

    /** Rows of this queue, by name or id. */
    public AuditQuery withQueue(String nameOrId) {
        return new AuditQuery(since, conversationId, runId, outcome, includeDryRuns, limit, until, org, Optional.of(nameOrId), rule, caller, beforeId);
    }

    /** Rows of endings asked for by this rule ({@code looping}…), or by a person ({@link #MANUAL}). */
    public AuditQuery withRule(String word) {
        return new AuditQuery(since, conversationId, runId, outcome, includeDryRuns, limit, until, org, queue, Optional.of(word), caller, beforeId);
    }

    /** Rows of this caller, as the audit names it ({@code token:billing-backend}, {@code ana@host}). */
    public AuditQuery withCaller(String requestedBy) {
        return new AuditQuery(since, conversationId, runId, outcome, includeDryRuns, limit, until, org, queue, rule, Optional.of(requestedBy), beforeId);
    }

    /** Only rows written before the row of that id: the next page after it. */
    public AuditQuery before(long id) {
        return new AuditQuery(since, conversationId, runId, outcome, includeDryRuns, limit, until, org, queue, rule, caller, OptionalLong.of(id));
    }

    public AuditQuery withLimit(int rows) {
        return new AuditQuery(since, conversationId, runId, outcome, includeDryRuns, rows, until, org, queue, rule, caller, beforeId);
    }

    public AuditQuery actsOnly() {
        return new AuditQuery(since, conversationId, runId, outcome, false, limit, until, org, queue, rule, caller, beforeId);
    }
}
