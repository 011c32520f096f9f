package dev.unstuck.app.cli;

import dev.unstuck.app.service.OrgRuntime;
import dev.unstuck.app.text.Table;
import dev.unstuck.app.view.Rows;
import dev.unstuck.core.access.AccessCheck;
import dev.unstuck.core.access.AccessReport;
import dev.unstuck.core.access.CapabilityStatus;
import dev.unstuck.core.access.DivisionReach;
import dev.unstuck.core.access.QueueVisibility;
import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.QueueInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.List;

/** `unstuck doctor`: can this OAuth client do the job, and if not, exactly what to fix. */
@Command(name = "doctor",
        header = "Can this OAuth client do the job? Each capability, its permissions and the fix.",
        description = {"Reach the region, get a token, read the client's roles and permissions, and show each",
                "capability (inspect, end, detect, drain, notifications) against the permissions it needs, with the fix.",
                "Roles count per division: name the divisions the client can act in, and the queues it cannot",
                "see (those of divisions it has no role in). Exits 1 when something is missing."})
final class DoctorCommand extends OrgCommand {
    @Mixin
    OutputOptions output;

    DoctorCommand(AppContext context) {
        super(context);
    }

    @Override
    public Integer call() throws Exception {
        OrgRuntime org = orgOptions.one().runtime();
        AccessReport report;
        try {
            report = AccessCheck.run(org.client());
        } catch (GenesysException e) {
            throw ApiFailures.explain(e, org.genesys());
        }
        boolean allOk = report.allOk();
        PrintWriter out = spec.commandLine().getOut();
        if (!output.printed(out, DoctorJson.of(org, report), () -> rows(report))) {
            print(out, org, report, allOk, output.width());
        }
        out.flush();
        return allOk ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }

    private static void print(PrintWriter out, OrgRuntime org, AccessReport report, boolean allOk, int width) {
        out.println("org:     " + org.name() + " at " + org.genesys().region().apiBase());
        out.println("client:  " + report.clientId() + (report.clientName().isBlank() ? "" : " (" + report.clientName() + ")")
                + ", token obtained");
        out.println("roles:   " + (report.roles().isEmpty() ? "none (the client has no role: it can do nothing)"
                : String.join(", ", report.roles().stream().map(r -> r.name() + " (" + r.permissions().size() + " permissions)").toList())));
        out.println("divisions: " + divisions(report));
        out.println("queues:  " + queues(report.queues()));
        out.println();
        Table table = new Table("capability", "what it is for", "needs", "status");
        for (CapabilityStatus c : report.capabilities()) {
            table.row(c.capability().name().toLowerCase(), c.capability().description(), String.join(", ", c.required()),
                    c.ok() ? "ok" : "MISSING " + String.join(", ", c.missing()));
        }
        out.print(table.render(width));
        out.println();
        if (allOk) {
            out.println("Everything unstuck needs is granted" + (report.cannotActIn().isEmpty() ? "."
                    : " in " + names(report.actsIn()) + "; guests in other divisions are out of its reach."));
        } else {
            out.println("To fix:");
            for (CapabilityStatus c : report.capabilities()) {
                if (!c.ok()) {
                    out.println("  - " + c.capability().name().toLowerCase() + ": " + c.fix());
                }
            }
            if (report.actsIn().isEmpty() && report.capabilities().stream().allMatch(CapabilityStatus::ok)) {
                out.println("  - divisions: no division has a role with all of find and end; grant one role that has them"
                        + " in the divisions of your queues (Admin > Integrations > OAuth > Roles, division per role)");
            }
        }
    }

    private static String divisions(AccessReport report) {
        if (report.divisions().isEmpty()) {
            return "none listed (GET /api/v2/authorization/divisions answered no division)";
        }
        StringBuilder line = new StringBuilder();
        line.append(report.actsIn().isEmpty() ? "acts in no division" : "acts in " + names(report.actsIn()));
        List<DivisionReach> unreached = report.divisions().stream().filter(DivisionReach::unreached).toList();
        List<DivisionReach> partial = report.cannotActIn().stream().filter(d -> !d.unreached()).toList();
        if (!unreached.isEmpty()) {
            line.append("; no role in ").append(names(unreached)).append(" (its queues and guests are invisible to this client)");
        }
        for (DivisionReach d : partial) {
            line.append("; in ").append(d.name()).append(" lacks ").append(String.join(", ", d.missing()));
        }
        return line.toString();
    }

    private static String names(List<DivisionReach> divisions) {
        return String.join(", ", divisions.stream().map(d -> d.name() + (d.home() ? " (home)" : "")).toList());
    }

    private static String queues(QueueVisibility queues) {
        if (queues instanceof QueueVisibility.Known known) {
            if (known.hidden().isEmpty()) {
                return known.visible() + " visible, none hidden (every queue of the org is in its divisions)";
            }
            List<String> hidden = known.hidden().stream().map(QueueInfo::name).limit(10).toList();
            return known.visible() + " visible; WARNING " + known.hidden().size() + " in divisions it cannot see: "
                    + String.join(", ", hidden) + (known.hidden().size() > hidden.size() ? ", …" : "")
                    + " (sweep and watch will not find their guests)";
        }
        return "cannot tell whether queues are hidden: " + ((QueueVisibility.Unknown) queues).why();
    }

    /** The capabilities as `doctor -o csv` prints them: one row each, with the fix when one is missing. */
    private static Rows rows(AccessReport report) {
        Rows rows = new Rows("capability", "required", "missing", "ok", "fix");
        for (CapabilityStatus c : report.capabilities()) {
            rows.row(c.capability().name().toLowerCase(), c.required(), c.missing(), c.ok(), c.ok() ? "" : c.fix());
        }
        return rows;
    }
}
