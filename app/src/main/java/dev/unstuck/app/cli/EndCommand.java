package dev.unstuck.app.cli;

import dev.unstuck.app.config.ConfigFile;
import dev.unstuck.app.config.PolicySettings;
import dev.unstuck.app.service.OrgRuntime;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditRecorder;
import dev.unstuck.app.view.OutcomeView;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.GenesysException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** `unstuck end ID...`: look, plan, act, verify and record, one conversation after the other. */
@Command(name = "end",
        header = "End conversations safely: look, plan, act, verify and audit each one.",
        description = {"End conversations safely: queue leg first, then flow legs, agent offers and the customer leg.",
                "Conversations with a live agent are left alone unless --force; every step is audited."})
final class EndCommand extends OrgCommand {
    @Mixin
    AuditOptions auditOptions;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Conversation ids (UUIDs).")
    List<String> ids;

    @Option(names = "--from", paramLabel = "FILE|-", description = "Read more ids from FILE (one per line, # comments, or a plan from 'sweep --dry-run --json') or '-' for standard input.")
    String from;

    @Option(names = "--dry-run", description = "Look and plan only: print the exact HTTP calls it would make. Changes nothing.")
    boolean dryRun;

    @Mixin
    EndingOptions ending;

    @Mixin
    OutputOptions output;

    EndCommand(AppContext context) {
        super(context);
    }

    @Override
    public Integer call() throws Exception {
        List<String> checked = ConversationIds.collect(ids, from, context);
        PrintWriter out = spec.commandLine().getOut();
        boolean table = output.format().isTable();
        if (checked.isEmpty()) {
            if (!output.printed(out, List.of(), () -> OutcomeView.rows(List.of()))) {
                out.println("--from " + from + ": the plan lists no conversation to end; nothing to do.");
            }
            out.flush();
            return ExitCode.OK.code();
        }
        OrgOptions.Chosen chosen = orgOptions.one();
        OrgRuntime org = chosen.runtime();
        String runId = UUID.randomUUID().toString();
        EndRequest request = new EndRequest(ending.force, dryRun, ending.reasonOr(""), context.operator());
        List<Outcome> outcomes = new ArrayList<>();
        try (AuditDatabase db = auditOptions.open(context, chosen.config().auditDb())) {
            Engine engine = new Engine(org.client(), new AuditRecorder(db, runId, org.name(), "end", context.operator()),
                    policy(chosen.config()));
            Resumed.report(spec.commandLine().getErr(), engine.resume(request));
            for (String id : checked) {
                Outcome outcome = engine.end(id, request);
                outcomes.add(outcome);
                if (table) {
                    out.print(OutcomeView.line(outcome));
                    out.flush();
                }
                if (OutcomeView.isUnreachable(outcome)) {
                    break; // the rest would meet the same wall; say so once
                }
            }
        } catch (GenesysException e) {
            throw ApiFailures.explain(e, org.genesys());
        }
        if (!output.printed(out, outcomes.stream().map(OutcomeView::json).toList(), () -> OutcomeView.rows(outcomes))) {
            out.println();
            out.print(OutcomeView.table(outcomes, checked.size()).render(output.width()));
            out.println("API calls: " + org.calls() + ".  Audit run " + runId + " (unstuck audit --since 1h).");
        }
        out.flush();
        return ExitCode.of(outcomes, checked.size()).code();
    }

    static EnginePolicy policy(ConfigFile config) {
        return policy(config, EnginePolicy.defaults());
    }

    /** The config file's engine settings over {@code base} (which decides the re-checks and verification). */
    static EnginePolicy policy(ConfigFile config, EnginePolicy base) {
        PolicySettings p = config.policy();
        return new EnginePolicy(p.teardownAsLastResort(), p.maxReplans(), p.teardownWhenOnlyWrapupPending(),
                base.recheckBeforeCustomer(), base.verifyEach());
    }
}
