package dev.unstuck.app.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.unstuck.app.service.OrgRuntime;
import dev.unstuck.core.access.AccessReport;
import dev.unstuck.core.access.QueueVisibility;

import java.util.List;

/** `unstuck doctor -o json` (docs/schemas/doctor.schema.json): records Jackson writes field by field, in this order. */
record DoctorJson(String org, String apiBase, String clientId, String clientName, List<Role> roles, List<Capability> capabilities,
                  List<Division> divisions, Queues queues) {

    record Role(String id, String name, List<String> permissions) {
    }

    /** {@code fix} only when something is missing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Capability(String capability, List<String> required, List<String> missing, boolean ok, String fix) {
    }

    record Division(String id, String name, boolean home, List<String> roles, boolean canAct, List<String> missing) {
    }

    /** Known: how many queues the client sees and those of the digest it cannot; unknown: why not. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Queues(boolean known, Integer visible, List<Hidden> hidden, String why) {
    }

    record Hidden(String id, String name, String divisionId) {
    }

    static DoctorJson of(OrgRuntime org, AccessReport report) {
        Queues queues = report.queues() instanceof QueueVisibility.Known known
                ? new Queues(true, known.visible(), known.hidden().stream()
                        .map(q -> new Hidden(q.id(), q.name(), q.divisionId().orElse(""))).toList(), null)
                : new Queues(false, null, null, ((QueueVisibility.Unknown) report.queues()).why());
        return new DoctorJson(org.name(), org.genesys().region().apiBase().toString(), report.clientId(), report.clientName(),
                report.roles().stream().map(r -> new Role(r.id(), r.name(), r.permissions())).toList(),
                report.capabilities().stream().map(c -> new Capability(c.capability().name().toLowerCase(), c.required(),
                        c.missing(), c.ok(), c.ok() ? null : c.fix())).toList(),
                report.divisions().stream().map(d -> new Division(d.id(), d.name(), d.home(), d.roles(), d.canAct(), d.missing())).toList(),
                queues);
    }
}
