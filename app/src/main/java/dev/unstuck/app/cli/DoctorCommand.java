package dev.unstuck.app.cli;

import dev.unstuck.app.text.Table;
import dev.unstuck.core.access.AccessCheck;
import dev.unstuck.core.access.AccessReport;
import dev.unstuck.core.access.CapabilityStatus;
import dev.unstuck.core.access.RoleGrant;
import dev.unstuck.core.genesys.GenesysException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** `unstuck doctor`: can this OAuth client do the job, and if not, exactly what to fix. */
@Command(name = "doctor",
        mixinStandardHelpOptions = true,
        header = "Can this OAuth client do the job? Each capability, its permissions and the fix.",
        description = {"Reach the region, get a token, read the client's roles and permissions, and show each",
                "capability (inspect, end, detect, notifications) against the permissions it needs, with the fix.",
                "Exits 1 when something is missing."})
final class DoctorCommand implements Callable<Integer> {
    @ParentCommand
    UnstuckCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions targetOptions;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        OrgSession session = OrgSession.open(targetOptions, parent.context());
        AccessReport report;
        try {
            report = AccessCheck.run(session.client());
        } catch (GenesysException e) {
            throw ApiFailures.explain(e, session.target());
        }
        boolean allOk = report.capabilities().stream().allMatch(CapabilityStatus::ok);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOutput.pretty(asJson(session, report)));
        } else {
            print(out, session, report, allOk);
        }
        out.flush();
        return allOk ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }

    private static void print(PrintWriter out, OrgSession session, AccessReport report, boolean allOk) {
        out.println("org:     " + session.target().org() + " at " + session.target().region().apiBase());
        out.println("client:  " + report.clientId() + (report.clientName().isBlank() ? "" : " (" + report.clientName() + ")")
                + ", token obtained");
        out.println("roles:   " + (report.roles().isEmpty() ? "none (the client has no role: it can do nothing)"
                : String.join(", ", report.roles().stream().map(r -> r.name() + " (" + r.permissions().size() + " permissions)").toList())));
        out.println();
        Table table = new Table("capability", "what it is for", "needs", "status");
        for (CapabilityStatus c : report.capabilities()) {
            table.row(c.capability().name().toLowerCase(), c.capability().description(), String.join(", ", c.required()),
                    c.ok() ? "ok" : "MISSING " + String.join(", ", c.missing()));
        }
        out.print(table.render());
        out.println();
        if (allOk) {
            out.println("Everything unstuck needs is granted.");
        } else {
            out.println("To fix:");
            for (CapabilityStatus c : report.capabilities()) {
                if (!c.ok()) {
                    out.println("  - " + c.capability().name().toLowerCase() + ": " + c.fix());
                }
            }
        }
    }

    private static Map<String, Object> asJson(OrgSession session, AccessReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("org", session.target().org());
        root.put("apiBase", session.target().region().apiBase().toString());
        root.put("clientId", report.clientId());
        root.put("clientName", report.clientName());
        List<Map<String, Object>> roles = new ArrayList<>();
        for (RoleGrant role : report.roles()) {
            roles.add(Map.of("id", role.id(), "name", role.name(), "permissions", role.permissions()));
        }
        root.put("roles", roles);
        List<Map<String, Object>> capabilities = new ArrayList<>();
        for (CapabilityStatus c : report.capabilities()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("capability", c.capability().name().toLowerCase());
            entry.put("required", c.required());
            entry.put("missing", c.missing());
            entry.put("ok", c.ok());
            if (!c.ok()) {
                entry.put("fix", c.fix());
            }
            capabilities.add(entry);
        }
        root.put("capabilities", capabilities);
        return root;
    }
}
