package dev.unstuck.sandbox.scenario;

import dev.unstuck.sandbox.conversation.GuestKind;
import dev.unstuck.sandbox.conversation.GuestSpec;
import dev.unstuck.sandbox.org.Agent;
import dev.unstuck.sandbox.org.Org;
import dev.unstuck.sandbox.org.Queue;
import dev.unstuck.sandbox.org.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads one guest entry (of a scenario, or of {@code POST /sandbox/v1/conversations}); {@code count} expands it. */
public final class GuestReader {
    private static final Set<String> FIELDS = Set.of("id", "label", "kind", "queue", "agent", "ageSeconds", "passes", "count");

    private GuestReader() {}

    public static List<GuestSpec> read(ScenarioNode g, Org org, Settings settings, String defaultLabel) {
        g.allowOnly(FIELDS);
        String kindText = g.requiredText("kind");
        GuestKind kind = GuestKind.fromLabel(kindText).orElseThrow(() -> g.problem("kind",
                "unknown kind \"" + kindText + "\" (expected one of " + GuestKind.labels() + ")"));
        String label = g.text("label").orElse(defaultLabel);
        Queue queue = queue(g, org);
        Optional<Agent> agent = agent(g, org, kind);
        long age = g.number("ageSeconds", 0, 10L * 365 * 24 * 3600).orElse(0L);
        // At the in-queue flow cap a guest waits on (unless the setting ends it there), so a scenario may start it there.
        int maxPasses = settings.endAtInQueueFlowCap() ? settings.maxInQueueFlows() - 1 : settings.maxInQueueFlows();
        Optional<Long> passesGiven = g.number("passes", 1, maxPasses);
        if (passesGiven.isPresent() && kind != GuestKind.LOOPING) {
            throw g.problem("passes", "only looping guests have passes");
        }
        int passes = passesGiven.orElse(1L).intValue();
        int count = g.number("count", 1, 10_000).orElse(1L).intValue();
        Optional<String> id = g.text("id");
        if (id.isPresent() && count > 1) {
            throw g.problem("id", "cannot be given together with count > 1");
        }
        List<GuestSpec> specs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String each = count == 1 ? label : label + "#" + i;
            specs.add(new GuestSpec(id, each, kind, queue.id(), agent, age, passes));
        }
        return specs;
    }

    private static Queue queue(ScenarioNode g, Org org) {
        Optional<String> given = g.text("queue");
        if (given.isEmpty()) {
            return org.queues().stream().findFirst()
                    .orElseThrow(() -> g.problem("queue", "is required: the scenario has no queues"));
        }
        return org.queues().stream().filter(q -> q.name().equals(given.get()) || q.id().equals(given.get()))
                .findFirst().orElseThrow(() -> g.problem("queue", "no queue named \"" + given.get() + "\""));
    }

    private static Optional<Agent> agent(ScenarioNode g, Org org, GuestKind kind) {
        Optional<String> given = g.text("agent");
        if (given.isPresent()) {
            if (!kind.needsAgent() && kind != GuestKind.ENDED) {
                throw g.problem("agent", "a " + kind.label() + " guest has no agent");
            }
            return Optional.of(org.agent(given.get())
                    .orElseThrow(() -> g.problem("agent", "no agent named \"" + given.get() + "\"")));
        }
        if (kind == GuestKind.ENDED) {
            return org.agents().stream().findFirst();
        }
        if (!kind.needsAgent()) {
            return Optional.empty();
        }
        return Optional.of(org.agents().stream().findFirst()
                .orElseThrow(() -> g.problem("agent", "is required for a " + kind.label() + " guest: the scenario has no agents")));
    }
}
