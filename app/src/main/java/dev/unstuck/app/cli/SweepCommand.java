package dev.unstuck.app.cli;

import dev.unstuck.app.service.OrgRuntime;
import dev.unstuck.app.store.AnalyticsGhosts;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditRecorder;
import dev.unstuck.app.store.SharedConnection;
import dev.unstuck.app.text.ProgressBar;
import dev.unstuck.app.view.JsonOutput;
import dev.unstuck.app.view.OutcomeView;
import dev.unstuck.app.view.SweepView;
import dev.unstuck.core.access.QueueVisibility;
import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.Sweep;
import dev.unstuck.core.detect.SweepListener;
import dev.unstuck.core.detect.SweepReport;
import dev.unstuck.core.detect.SweepRequest;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.GenesysException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** `unstuck sweep`: one pass over an org; finds stuck, looping and orphaned guests and ends them. */
@Command(name = "sweep",
        header = "Find stuck, looping and orphaned guests and end them, in one pass.",
        description = {"Scan analytics for guests held by a queue, judge each by the detection",
                "policy of the config file (maxWait, loops, orphans, idle; allow/deny queues;",
                "limit) and end those that crossed a rule with the engine, which looks at each",
                "again first. Live agents are left alone unless --force. A dry run prints the",
                "plan; --plan FILE writes it for review, then: unstuck end --from FILE."})
final class SweepCommand extends OrgCommand {
    @Mixin
    AuditOptions auditOptions;

    @Option(names = "--dry-run", description = "Find and plan only; change nothing.")
    boolean dryRun;

    @Option(names = "--plan", paramLabel = "FILE", description = "With --dry-run: write the plan (JSON) to FILE, to run later with 'unstuck end --from FILE'.")
    Path planFile;

    @Option(names = "--queue", paramLabel = "Q", description = "Only this queue (name or id); repeat for more. Default: every queue the policy allows.")
    List<String> queues;

    @Option(names = "--limit", paramLabel = "N", description = "End at most N conversations in this run (default: the policy's limit, 500).")
    Integer limit;

    @Mixin
    EndingOptions ending;

    @Mixin
    OutputOptions output;

    SweepCommand(AppContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        if (planFile != null && !dryRun) {
            throw new UserError(ExitCode.USAGE, "--plan writes the plan of a dry run; add --dry-run (nothing is ended then)");
        }
        if (limit != null && limit < 1) {
            throw new UserError(ExitCode.USAGE, "--limit must be at least 1");
        }
        OrgOptions.Chosen chosen = orgOptions.one();
        OrgRuntime org = chosen.runtime();
        Policy policy = org.detection().withForce(ending.force);
        if (limit != null) {
            policy = policy.withLimit(limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String runId = UUID.randomUUID().toString();
        SweepReport report;
        ProgressBar bar = new ProgressBar(err, context.interactive() && !output.structured() && !Verbosity.quiet(), dryRun ? "planning" : "ending");
        try (AuditDatabase db = auditOptions.open(context, chosen.config().auditDb());
             SharedConnection ghosts = SharedConnection.open(db.location())) {
            Engine engine = new Engine(org.client(), new AuditRecorder(db, runId, org.name(), "sweep", context.operator()),
                    EndCommand.policy(chosen.config(), EnginePolicy.lean()));
            Resumed.report(err, engine.resume(new EndRequest(ending.force, dryRun, "", context.operator())));
            Sweep sweep = new Sweep(org.client(), engine, context.clock())
                    .remembering(new AnalyticsGhosts(ghosts, org.name()));
            report = sweep.run(policy, new SweepRequest(dryRun, queues == null ? List.of() : queues,
                    ending.reasonOr("unstuck sweep"), context.operator()), new SweepListener() {
                @Override
                public void found(int toEnd) {
                    bar.start(toEnd);
                }

                @Override
                public void handled(Finding finding, Outcome outcome) {
                    bar.step();
                }
            });
        } catch (GenesysException e) {
            throw ApiFailures.explain(e, org.genesys());
        } finally {
            bar.finish();
        }
        if (!report.unknownQueues().isEmpty()) {
            throw new UserError(ExitCode.USAGE, "no queue " + String.join(", ", report.unknownQueues().stream().map(q -> "'" + q + "'").toList())
                    + " in org " + org.name() + "; name queues as in Genesys (names or ids). Nothing was done.");
        }
        QueueVisibility visibility = queueVisibility(org);
        int calls = org.calls();
        Map<String, Object> body = SweepView.json(report, org.name(), calls, runId, context.clock().instant(), dryRun);
        body.put("queuesNotVisible", visibility instanceof QueueVisibility.Known known ? known.hidden().size() : null);
        if (dryRun && planFile != null) {
            write(planFile, JsonOutput.pretty(body));
        }
        if (!output.printed(out, body, () -> SweepView.rows(body))) {
            print(out, report, calls, runId, policy);
            out.println(notVisible(visibility));
        }
        out.flush();
        return ExitCode.of(report.outcomes(), report.outcomes().size()).code();
    }

    private void print(PrintWriter out, SweepReport report, int calls, String runId, Policy policy) {
        out.println("Scanned " + report.scanned() + " guest" + (report.scanned() == 1 ? "" : "s") + " a queue or flow held (or still holds); "
                + (report.handled().size() + report.overLimit().size()) + " crossed a rule.");
        out.print(SweepView.table(report, output.width()));
        out.println("Left alone: " + SweepView.leftAlone(report) + ".");
        SweepView.bySomeoneElse(report).ifPresent(n -> out.println("Ended by someone else first: " + n
                + "; another run or person got there first, which is not a failure."));
        SweepView.ghostLine(report).ifPresent(out::println);
        if (!report.overLimit().isEmpty()) {
            out.println("Over the limit of " + policy.limit() + ": " + report.overLimit().size() + " left for the next run.");
        }
        // Their guests were not judged at all: say so, so a quiet table is not read as a clean org.
        report.unlisted().forEach(part -> out.println("Not listed by analytics: " + part + "."));
        report.handled().stream().filter(h -> h.outcome() instanceof Outcome.Failed).limit(10)
                .forEach(h -> out.print(OutcomeView.line(h.outcome())));
        if (dryRun) {
            out.println(planFile != null ? "Plan written to " + planFile + "; review it, then: unstuck end --from " + planFile
                    : "Nothing was changed. Write the plan with --plan FILE, review it, then: unstuck end --from FILE");
        } else {
            out.println("Verified: " + report.confirmed() + " of " + report.ended() + " ended conversations confirmed by Genesys"
                    + (report.notEnded().isEmpty() ? "" : "; not ended (a leg still active): " + String.join(", ", report.notEnded())) + ".");
        }
        long ended = report.ended();
        out.println("API calls: " + calls + (ended == 0 ? "" : String.format(" (%.2f per ended conversation", calls / (double) ended)
                + "; detection, looks, acts and verification, tokens included)") + ".  Audit run " + runId + ".");
    }

    /**
     * The queues this client cannot see (those of divisions it has no role in), whose guests no sweep of
     * it can find; a failure to tell is not a failure of the sweep.
     */
    private static QueueVisibility queueVisibility(OrgRuntime org) {
        try {
            return QueueVisibility.check(org.client());
        } catch (GenesysException e) {
            return new QueueVisibility.Unknown("the queue listings could not be read (" + e.status() + ")");
        }
    }

    static String notVisible(QueueVisibility visibility) {
        if (visibility instanceof QueueVisibility.Known known) {
            return known.hidden().isEmpty() ? "Queues not visible to this client: none."
                    : "Queues not visible to this client: " + known.hidden().size()
                    + " (in divisions it has no role in; their guests were not looked for; unstuck doctor names them).";
        }
        return "Queues not visible to this client: unknown (" + ((QueueVisibility.Unknown) visibility).why() + ").";
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text + "\n");
        } catch (IOException e) {
            throw new UserError(ExitCode.USAGE, "--plan " + file + ": cannot write it (" + e.getMessage() + ")");
        }
    }
}
