package dev.unstuck.app.store;

import dev.unstuck.core.engine.AuditEvent;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a reader of the audit asks for, every filter a column: a time window; rows whose columns equal
 * the words asked ({@link Match}: one org, conversation, run, kind, outcome word, queue by name or id,
 * rule, caller); whether dry runs count; at most so many rows (newest kept); and for paging, only rows
 * older than a row id (the previous page's last).
 */
public record AuditQuery(Optional<Instant> since, Optional<Instant> until, Map<Match, String> matches, boolean includeDryRuns,
                         int limit, OptionalLong beforeId) {

    /** The rule word of endings no detection rule asked for (their rule column is empty). */
    public static final String MANUAL = "manual";

    /** A column a row must match, and how the condition reads in SQL (one {@code ?} per argument, each the word asked). */
    public enum Match {
        ORG("org = ?"),
        CONVERSATION("conversation_id = ?"),
        RUN("run_id = ?"),
        KIND("kind = ?"),
        OUTCOME("outcome = ?"),
        /** By name or id. */
        QUEUE("(queue = ? OR queue_id = ?)"),
        /** {@link #MANUAL} matches the rows no rule asked for (an empty rule column). */
        RULE("rule = ?"),
        CALLER("requested_by = ?");

        private final String condition;

        Match(String condition) {
            this.condition = condition;
        }

        String condition() {
            return condition;
        }

        /** The value bound to each of the condition's {@code ?}. */
        Object argument(String word) {
            return this == RULE && word.equals(MANUAL) ? "" : word;
        }
    }

    public AuditQuery {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        matches = Map.copyOf(matches);
        Objects.requireNonNull(beforeId, "beforeId");
    }

    /** Everything (dry runs too), newest {@code limit} rows. */
    public static AuditQuery all(int limit) {
        return new AuditQuery(Optional.empty(), Optional.empty(), Map.of(), true, limit, OptionalLong.empty());
    }

    public static AuditQuery ofRun(String runId) {
        return all(10_000).where(Match.RUN, runId);
    }

    /** Only rows whose column equals {@code word}. */
    public AuditQuery where(Match column, String word) {
        Map<Match, String> more = new EnumMap<>(Match.class);
        more.putAll(matches);
        more.put(column, word);
        return new AuditQuery(since, until, more, includeDryRuns, limit, beforeId);
    }

    /** {@link #where} when a word is given; this query otherwise. */
    public AuditQuery where(Match column, Optional<String> word) {
        return word.map(w -> where(column, w)).orElse(this);
    }

    /** Rows of this kind only (outcomes, say: what the dashboard's feed of endings shows). */
    public AuditQuery withKind(AuditEvent.Kind kind) {
        return where(Match.KIND, kind.word());
    }

    public AuditQuery since(Instant floor) {
        return new AuditQuery(Optional.of(floor), until, matches, includeDryRuns, limit, beforeId);
    }

    public AuditQuery until(Instant ceiling) {
        return new AuditQuery(since, Optional.of(ceiling), matches, includeDryRuns, limit, beforeId);
    }

    /** Only rows written before the row of that id: the next page after it. */
    public AuditQuery before(long id) {
        return new AuditQuery(since, until, matches, includeDryRuns, limit, OptionalLong.of(id));
    }

    public AuditQuery withLimit(int rows) {
        return new AuditQuery(since, until, matches, includeDryRuns, rows, beforeId);
    }

    public AuditQuery actsOnly() {
        return new AuditQuery(since, until, matches, false, limit, beforeId);
    }
}
