package dev.unstuck.app.cli;

import dev.unstuck.app.config.ConfigError;
import dev.unstuck.app.config.ConfigFile;
import dev.unstuck.app.report.Report;
import dev.unstuck.app.report.ReportQuery;
import dev.unstuck.app.report.Window;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.text.Csv;
import dev.unstuck.app.text.Table;
import dev.unstuck.app.text.UserText;
import dev.unstuck.app.view.JsonOutput;
import dev.unstuck.app.view.ReportView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** `unstuck report`: where an org's guests got stuck, from the audit (the dashboard's Why page, in a terminal). */
@Command(name = "report",
        header = "Report where guests get stuck: loops by flow and queue, overdue guests by hour, endings per hour.",
        description = {"Report where an org's guests got stuck, from the audit database: the Architect flow and queue pairs that "
                + "looping guests bounced between (the flows to fix), the queues whose guests waited past maxWait by hour of day "
                + "(UTC) their wait began, and endings per hour by the rule that asked for them.",
                "No Genesys call is made."})
final class ReportCommand extends AppCommand {
    @Mixin
    AuditOptions audit;

    @Option(names = "--since", paramLabel = "WHEN", defaultValue = "7d",
            description = "From WHEN: a duration back from --until (24h, 7d) or an ISO-8601 instant. Default: ${DEFAULT-VALUE}.")
    String since;

    @Option(names = "--until", paramLabel = "INSTANT", description = "Up to this ISO-8601 instant. Default: now.")
    String until;

    @Option(names = {"--org", "-p", "--profile"}, paramLabel = "NAME",
            description = "The org, as the audit names it (the config's org name). Default: the config's defaultOrg or only org, else 'default'.")
    String org;

    @Mixin
    OutputOptions output;

    @Option(names = "--csv", description = "Same as -o csv: one row per line of each section, the section in the first column.")
    boolean csv;

    @Mixin
    ConfigOptions config;

    ReportCommand(AppContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        if (csv && (output.json || (output.format != null && output.format != OutputFormat.csv))) {
            throw new UserError(ExitCode.USAGE, "--csv is -o csv; it cannot go with --json or another -o");
        }
        OutputFormat format = csv ? OutputFormat.csv : output.format();
        Window.Parsed parsed = Window.parse(since, Optional.ofNullable(until), context.clock().instant());
        if (parsed instanceof Window.Parsed.Bad bad) {
            throw new UserError(ExitCode.USAGE, bad.problem().replace("'since'", "--since").replace("'until'", "--until"));
        }
        Window window = ((Window.Parsed.Ok) parsed).window();
        ConfigFile file = config.load();
        String name = orgName(file);
        Report report;
        try (AuditDatabase db = audit.open(context, file.auditDb())) {
            ReportQuery query = new ReportQuery(db);
            if (org != null && !org.isBlank()) {
                known(name, file, query.orgs());
            }
            report = query.run(name, window.since(), window.until());
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case json -> out.println(JsonOutput.pretty(ReportView.json(report)));
            case yaml -> out.print(JsonOutput.yaml(ReportView.json(report)));
            case csv -> out.print(csv(report));
            default -> out.print(table(report, output.width()));
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private String orgName(ConfigFile file) {
        if (org != null && !org.isBlank()) {
            return org.trim();
        }
        if (file.defaultOrg().isPresent()) {
            return file.defaultOrg().get();
        }
        if (file.orgs().size() == 1) {
            return file.orgs().keySet().iterator().next();
        }
        if (file.orgs().isEmpty()) {
            return "default";
        }
        throw new UserError(ExitCode.USAGE, "the config names several orgs (" + String.join(", ", new TreeSet<>(file.orgs().keySet()))
                + "); say which with --org");
    }

    /**
     * An org asked for by name must be one the config names or the audit has records of: otherwise the
     * name is a typo, and an empty report would say "nothing got stuck" (the API answers 404 alike).
     */
    private static void known(String name, ConfigFile file, List<String> audited) {
        if (file.orgs().containsKey(name) || audited.contains(name)) {
            return;
        }
        TreeSet<String> known = new TreeSet<>(file.orgs().keySet());
        known.addAll(audited);
        throw new ConfigError("no org '" + UserText.shown(name, 64) + "' in " + file.source().map(Object::toString).orElse("the config file (none found)")
                + " or the audit database" + (known.isEmpty() ? "" : "; known orgs: " + String.join(", ", known)));
    }

    static String table(Report report, int width) {
        StringBuilder out = new StringBuilder();
        out.append("Org ").append(report.org()).append(", ").append(report.since()).append(" to ").append(report.until()).append("\n\n");
        out.append("Loops: guests bounced between a flow and a queue (fix the flow in Architect)\n");
        if (report.loops().isEmpty()) {
            out.append("  none\n");
        } else {
            Table loops = new Table("flow", "flow id", "queue", "queue id", "guests", "bounces");
            report.loops().forEach(l -> loops.row(l.flowName(), l.flowId(), l.queueName(), l.queueId(), l.guests(), l.bounces()));
            out.append(loops.render(width));
        }
        out.append("\nOverdue: guests ended as stuck past maxWait, by the hour (UTC) their wait began\n");
        if (report.overdue().isEmpty()) {
            out.append("  none\n");
        } else {
            Table overdue = new Table("queue", "queue id", "hour of day", "guests");
            report.overdue().forEach(o -> overdue.row(o.queueName(), o.queueId(), String.format("%02d:00", o.hourOfDay()), o.guests()));
            out.append(overdue.render(width));
        }
        out.append("\nEndings by hour (UTC) and reason\n");
        if (report.endingsByHour().isEmpty()) {
            out.append("  none\n");
        } else {
            Table endings = new Table("hour", "reason", "endings");
            report.endingsByHour().forEach(e -> endings.row(e.hour(), e.reason(), e.count()));
            out.append(endings.render(width));
        }
        out.append("\nAnalytics ghosts (listed open by analytics, yet over; not endings, each looked at once a day): ")
                .append(report.analyticsGhosts()).append("\n");
        return out.toString();
    }

    static final String[] CSV_HEADER = {"section", "flowId", "flowName", "queueId", "queueName", "hourOfDay", "hour", "reason", "guests",
            "bounces", "count"};

    static String csv(Report report) {
        Csv csv = new Csv(CSV_HEADER);
        report.loops().forEach(l -> csv.row("loops", l.flowId(), l.flowName(), l.queueId(), l.queueName(), "", "", "", l.guests(), l.bounces(), ""));
        report.overdue().forEach(o -> csv.row("overdue", "", "", o.queueId(), o.queueName(), o.hourOfDay(), "", "", o.guests(), "", ""));
        report.endingsByHour().forEach(e -> csv.row("endingsByHour", "", "", "", "", "", e.hour(), e.reason(), "", "", e.count()));
        csv.row("analyticsGhosts", "", "", "", "", "", "", "", "", "", report.analyticsGhosts());
        return csv.render();
    }
}
