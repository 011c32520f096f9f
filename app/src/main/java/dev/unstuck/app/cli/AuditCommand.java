package dev.unstuck.app.cli;

import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditEntry;
import dev.unstuck.app.store.AuditQuery;
import dev.unstuck.app.text.Table;
import dev.unstuck.core.engine.AuditEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** `unstuck audit`: what was planned, done and concluded, from the audit database. */
@Command(name = "audit",
        mixinStandardHelpOptions = true,
        header = "Show the audit: plans, steps and outcomes, who asked, why, correlation ids.",
        description = "Show the audit: every plan, step and outcome, who asked and why, with correlation ids.")
final class AuditCommand implements Callable<Integer> {
    private final AppContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    AuditOptions audit;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only entries since WHEN: a duration back from now (30m, 2h, 7d) or an ISO-8601 instant.")
    String since;

    @Option(names = "--conversation", paramLabel = "ID", description = "Only entries for this conversation.")
    String conversation;

    @Option(names = "--run", paramLabel = "ID", description = "Only entries of this run (each command prints its audit run id).")
    String run;

    @Option(names = "--outcome", paramLabel = "WORD",
            description = "Only entries with this outcome: ${COMPLETION-CANDIDATES}.", completionCandidates = OutcomeWords.class)
    String outcome;

    @Option(names = "--include-dry-runs", description = "Also show what dry runs planned (left out by default: they changed nothing).")
    boolean includeDryRuns;

    @Option(names = "--limit", defaultValue = "200", description = "At most this many entries, the newest. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Mixin
    ConfigOptions config;

    AuditCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (outcome != null && !OutcomeWords.WORDS.contains(outcome)) {
            throw new UserError(ExitCode.USAGE, "--outcome '" + outcome + "' is not one of " + String.join(", ", OutcomeWords.WORDS));
        }
        AuditQuery query = new AuditQuery(parseSince(since, context.clock().instant()), Optional.ofNullable(conversation),
                Optional.ofNullable(run), Optional.ofNullable(outcome), includeDryRuns, limit);
        List<AuditEntry> entries;
        Optional<String> configured = config.load().auditDb();
        try (AuditDatabase db = audit.open(context, configured)) {
            entries = db.query(query);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOutput.pretty(entries.stream().map(AuditCommand::json).toList()));
        } else if (entries.isEmpty()) {
            out.println("No audit entries" + (since != null || conversation != null || run != null || outcome != null ? " match." : " yet."));
        } else {
            Table table = new Table("when (UTC)", "org", "conversation", "queue", "kind", "outcome", "summary", "by", "reason", "correlation ids");
            for (AuditEntry e : entries) {
                table.row(e.occurredAt().toString(), e.org(), e.conversationId(), e.queue(), e.kind() + (e.dryRun() ? " (dry run)" : ""),
                        e.outcome(), e.summary(), e.requestedBy(), e.reason(), String.join(" ", e.correlationIds()));
            }
            out.print(table.render());
        }
        out.flush();
        return ExitCode.OK.code();
    }

    /** One entry as `audit --json` prints it: correlation ids as an array, status only for acts. */
    static java.util.Map<String, Object> json(AuditEntry e) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("occurredAt", e.occurredAt().toString());
        m.put("runId", e.runId());
        m.put("org", e.org());
        m.put("conversationId", e.conversationId());
        m.put("queue", e.queue());
        m.put("kind", e.kind());
        m.put("outcome", e.outcome());
        if (e.status().isPresent()) {
            m.put("status", e.status().getAsInt());
        }
        if (!e.actId().isEmpty()) {
            m.put("actId", e.actId());
        }
        m.put("dryRun", e.dryRun());
        m.put("requestedBy", e.requestedBy());
        m.put("reason", e.reason());
        m.put("summary", e.summary());
        m.put("stateBefore", e.stateBefore());
        m.put("stateAfter", e.stateAfter());
        m.put("correlationIds", e.correlationIds());
        return m;
    }

    /** The words the audit's outcome column holds (outcomes, then acts' results). */
    static final class OutcomeWords implements Iterable<String> {
        static final List<String> WORDS = List.of(AuditEvent.RESULT_ENDED, AuditEvent.RESULT_ALREADY_ENDED, AuditEvent.RESULT_SKIPPED,
                AuditEvent.RESULT_FAILED, AuditEvent.RESULT_PLANNED, AuditEvent.RESULT_ACCEPTED, AuditEvent.RESULT_REFUSED,
                AuditEvent.RESULT_UNREACHABLE, AuditEvent.RESULT_UNKNOWN);

        @Override
        public java.util.Iterator<String> iterator() {
            return WORDS.iterator();
        }
    }

    static Optional<Instant> parseSince(String text, Instant now) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        try {
            return Optional.of(Instant.parse(t));
        } catch (DateTimeParseException notAnInstant) {
            // fall through: a duration like 30m
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([smhd])").matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return Optional.of(now.minus(d));
        }
        throw new UserError(ExitCode.USAGE, "--since '" + text + "' is neither a duration (30m, 2h, 7d) nor an instant (2026-11-24T09:00:00Z)");
    }
}
