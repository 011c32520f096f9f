package dev.unstuck.app.cli;

import dev.unstuck.app.service.OrgRuntime;
import dev.unstuck.app.view.ConversationView;
import dev.unstuck.app.view.Rows;
import dev.unstuck.core.engine.AuditSink;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.Inspection;
import dev.unstuck.core.engine.PlanOptions;
import dev.unstuck.core.genesys.GenesysException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `unstuck inspect ID...`: the legs and the plan; changes nothing. */
@Command(name = "inspect",
        header = "Show a conversation's legs and what 'end' would do. Changes nothing.",
        description = "Show a conversation's legs (purpose, state, queue, agent, wrap-up) and what 'end' would do. Changes nothing.")
final class InspectCommand extends OrgCommand {
    @Parameters(paramLabel = "ID", arity = "1..*", description = "Conversation ids.")
    List<String> ids;

    @Option(names = "--force", description = "Plan as 'end --force' would (also end conversations with a live agent).")
    boolean force;

    @Mixin
    OutputOptions output;

    InspectCommand(AppContext context) {
        super(context);
    }

    @Override
    public Integer call() throws Exception {
        List<String> checked = ConversationIds.collect(ids, null, context);
        OrgOptions.Chosen chosen = orgOptions.one();
        OrgRuntime org = chosen.runtime();
        Engine engine = new Engine(org.client(), AuditSink.NONE, EndCommand.policy(chosen.config()));
        PlanOptions options = new PlanOptions(force, chosen.config().policy().teardownWhenOnlyWrapupPending());
        PrintWriter out = spec.commandLine().getOut();
        List<Object> documents = new ArrayList<>();
        Rows rows = ConversationView.rows();
        ConversationView view = null;
        boolean anyMissing = false;
        boolean table = output.format().isTable();
        try {
            for (String id : checked) {
                Inspection inspection = engine.inspect(id, options);
                if (inspection instanceof Inspection.Found found) {
                    if (view == null) {
                        view = ConversationView.of(org.client());
                    }
                    Map<String, Object> document = new LinkedHashMap<>();
                    document.put("found", true);
                    document.putAll(view.json(found.conversation(), found.plan()));
                    documents.add(document);
                    view.rows(rows, found.conversation(), found.plan());
                    if (table) {
                        out.println("Conversation " + id + found.conversation().startTime().map(t -> ", started " + t).orElse("")
                                + found.conversation().endTime().map(t -> ", ended " + t).orElse(""));
                        out.print(view.legsTable(found.conversation()).render(output.width()));
                        out.print(ConversationView.plan(id, found.plan()));
                        out.println();
                    }
                } else {
                    anyMissing = true;
                    documents.add(ConversationView.notFound(id));
                    if (table) {
                        out.println("Conversation " + id + ": not found (Genesys does not know it: wrong id, org or region, or too old).");
                        out.println();
                    }
                }
            }
        } catch (GenesysException e) {
            throw ApiFailures.explain(e, org.genesys());
        }
        output.printed(out, documents, () -> rows);
        out.flush();
        return anyMissing ? ExitCode.NOT_FOUND.code() : ExitCode.OK.code();
    }
}
