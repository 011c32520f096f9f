package dev.unstuck.app.cli;

import dev.unstuck.app.report.Window;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditEntry;
import dev.unstuck.app.store.AuditPage;
import dev.unstuck.app.store.AuditQuery;
import dev.unstuck.app.text.Table;
import dev.unstuck.app.view.AuditView;
import dev.unstuck.app.view.Rows;
import dev.unstuck.core.engine.AuditEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
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

    @Option(names = "--kind", paramLabel = "KIND",
            description = "Only entries of this kind: ${COMPLETION-CANDIDATES}.", completionCandidates = KindWords.class)
    String kind;

    @Option(names = "--include-dry-runs", description = "Also show what dry runs planned (left out by default: they changed nothing).")
    boolean includeDryRuns;

    @Option(names = "--limit", defaultValue = "200", description = "At most this many entries, the newest. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Mixin
    OutputOptions output;

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
        if (kind != null && !KindWords.WORDS.contains(kind)) {
            throw new UserError(ExitCode.USAGE, "--kind '" + kind + "' is not one of " + String.join(", ", KindWords.WORDS));
        }
        AuditQuery query = AuditQuery.all(limit).where(AuditQuery.Match.CONVERSATION, Optional.ofNullable(conversation))
                .where(AuditQuery.Match.RUN, Optional.ofNullable(run)).where(AuditQuery.Match.OUTCOME, Optional.ofNullable(outcome))
                .where(AuditQuery.Match.KIND, Optional.ofNullable(kind));
        if (since != null) {
            Window.Parsed window = Window.parse(since, Optional.empty(), context.clock().instant());
            if (window instanceof Window.Parsed.Bad bad) {
                throw new UserError(ExitCode.USAGE, bad.problem().replace("'since'", "--since"));
            }
            query = query.since(((Window.Parsed.Ok) window).window().since());
        }
        if (!includeDryRuns) {
            query = query.actsOnly();
        }
        List<AuditPage.Row> rows;
        Optional<String> configured = config.load().auditDb();
        try (AuditDatabase db = audit.open(context, configured)) {
            rows = new ArrayList<>(db.page(query).rows());
        }
        Collections.reverse(rows); // oldest first, as a log reads
        List<AuditEntry> entries = rows.stream().map(AuditPage.Row::entry).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (output.printed(out, rows.stream().map(AuditView::json).toList(), () -> csv(rows))) {
            return ExitCode.OK.code();
        }
        if (entries.isEmpty()) {
            out.println("No audit entries" + (since != null || conversation != null || run != null || outcome != null || kind != null ? " match." : " yet."));
        } else {
            out.print(table(entries, output.format() == OutputFormat.wide).render(output.width()));
        }
        out.flush();
        return ExitCode.OK.code();
    }

    /**
     * The table: when, conversation, outcome, who asked and why, and what happened (with the org when
     * there are several), fitted to the terminal; {@code -o wide}: every column, uncut.
     */
    static Table table(List<AuditEntry> entries, boolean wide) {
        if (wide) {
            Table table = new Table("when (UTC)", "org", "run", "conversation", "queue", "kind", "outcome", "by", "reason", "summary",
                    "correlation ids");
            for (AuditEntry e : entries) {
                AuditEvent event = e.event();
                AuditEvent.Subject about = event.subject();
                table.row(event.at().toString(), e.org(), e.runId(), about.conversationId(), about.queue(), event.kind().word(), outcome(e),
                        about.requestedBy(), about.reason(), event.summary(), String.join(" ", event.correlationIds()));
            }
            return table;
        }
        // One org needs no column; several (watch --all-orgs, serve) do.
        boolean orgs = entries.stream().map(AuditEntry::org).distinct().count() > 1;
        Table table = orgs ? new Table("when (UTC)", "org", "conversation", "outcome", "by", "reason", "summary")
                : new Table("when (UTC)", "conversation", "outcome", "by", "reason", "summary");
        int at = orgs ? 1 : 0;
        table.keep(0, 14).keep(at + 1, 13).keep(at + 2, 12).keep(at + 3, 16);
        for (AuditEntry e : entries) {
            AuditEvent event = e.event();
            AuditEvent.Subject about = event.subject();
            String when = WHEN.format(event.at());
            if (orgs) {
                table.row(when, e.org(), about.conversationId(), outcome(e), about.requestedBy(), about.reason(), event.summary());
            } else {
                table.row(when, about.conversationId(), outcome(e), about.requestedBy(), about.reason(), event.summary());
            }
        }
        return table;
    }

    private static final java.time.format.DateTimeFormatter WHEN =
            java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    /** The outcome's word, else the row's kind (plan, intent, resume), marked when a dry run wrote it. */
    private static String outcome(AuditEntry e) {
        AuditEvent event = e.event();
        return (event.result() == AuditEvent.Result.NONE ? event.kind().word() : event.result().word())
                + (event.subject().dryRun() ? " (dry run)" : "");
    }

    /** The entries as `-o csv` prints them: the fields of the JSON shape, the API's export's columns. */
    static Rows csv(List<AuditPage.Row> entries) {
        Rows rows = new Rows(AuditView.FIELDS.toArray(String[]::new));
        entries.forEach(row -> rows.row(AuditView.cells(row).toArray()));
        return rows;
    }

    /** The words the audit's outcome column holds (outcomes, then acts' results). */
    static final class OutcomeWords implements Iterable<String> {
        static final List<String> WORDS = AuditEvent.Result.words();

        @Override
        public java.util.Iterator<String> iterator() {
            return WORDS.iterator();
        }
    }

    /** The audit's kinds of rows. */
    static final class KindWords implements Iterable<String> {
        static final List<String> WORDS = AuditEvent.Kind.words();

        @Override
        public java.util.Iterator<String> iterator() {
            return WORDS.iterator();
        }
    }
}
