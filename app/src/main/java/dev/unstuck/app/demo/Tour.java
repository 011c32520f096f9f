package dev.unstuck.app.demo;

import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditEntry;
import dev.unstuck.app.store.AuditQuery;
import dev.unstuck.app.store.AuditRecorder;
import dev.unstuck.app.text.Table;
import dev.unstuck.app.view.OutcomeView;
import dev.unstuck.app.view.SweepView;
import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.detect.Sweep;
import dev.unstuck.core.detect.SweepListener;
import dev.unstuck.core.detect.SweepReport;
import dev.unstuck.core.detect.SweepRequest;
import dev.unstuck.core.engine.AuditEvent;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.engine.Step;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.sandbox.client.SandboxClient;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The narrated sweep: the queues before, each guest as the engine ends it (queue leg first), the
 * sweep's table, the queues after and the run's audit. What it shows of queues and guests comes from
 * the sandbox's control API, not from the sandbox's objects.
 */
record Tour(PrintWriter out, Clock clock, String operator) {
    /** Runs the tour and answers the id of a conversation worth inspecting afterwards. */
    String run(SandboxClient control, GenesysClient client, AuditDatabase db) {
        AtomicInteger calls = new AtomicInteger();
        client.onCall(call -> calls.incrementAndGet());
        out.println("Genesys Cloud sandbox with the demo scenario at " + control.base());
        out.println();
        out.println("Queues before:");
        out.print(queues(control));
        out.println();
        out.println("unstuck sweep: analytics finds the guests held by a queue; each one waiting over "
                + DemoRun.MAX_WAIT.toMinutes() + " minutes, looping or orphaned");
        out.println("goes to the engine, which looks again, ends the queue leg first, and the batch is verified:");
        String runId = UUID.randomUUID().toString();
        Engine engine = new Engine(client, new AuditRecorder(db, runId, "demo"), EnginePolicy.lean());
        Sweep sweep = new Sweep(client, engine, clock);
        DemoRun.Result result = new DemoRun(control, sweep).run(new SweepRequest(false, List.of(), "unstuck demo", operator),
                new SweepListener() {
                    @Override
                    public void handled(Finding finding, Outcome outcome) {
                        out.println(String.format("  %-16s %-9s %-8s %s", label(finding, control), finding.why(),
                                age(Duration.between(finding.guest().start(), clock.instant())), what(outcome)));
                        out.flush();
                    }
                });
        SweepReport report = result.report();
        out.println();
        out.println(result.openConversations() + " open conversations; " + report.scanned() + " held by a queue for over a minute; "
                + report.handled().size() + " crossed a rule:");
        out.print(SweepView.table(report));
        out.println("Left alone: " + SweepView.leftAlone(report) + "; conversations with a live agent are not held by a queue,"
                + " so they are never candidates.");
        out.println("Verified: " + report.confirmed() + " of " + report.ended() + " ended conversations confirmed by analytics.");
        out.println("API calls: " + calls.get() + " (detection, looks, acts and verification; tokens included).");
        out.println();
        out.println("Queues after (lingering = queue entries left behind; unstuck leaves none):");
        out.print(queues(control));
        out.println();
        out.println("Audit of this run (outcomes):");
        Table audit = new Table("conversation", "outcome", "why", "first correlation id");
        for (AuditEntry e : db.query(AuditQuery.ofRun(runId).withKind(AuditEvent.Kind.OUTCOME))) {
            AuditEvent outcome = e.event();
            audit.row(outcome.subject().conversationId(), abbreviate(outcome.summary()), abbreviate(outcome.subject().reason()),
                    outcome.correlationIds().stream().findFirst().orElse(""));
        }
        out.print(audit.render());
        out.println();
        return control.conversations().stream().filter(g -> g.kind().equals("live-agent")).map(SandboxClient.Guest::id)
                .findFirst().orElse("ID");
    }

    private static String label(Finding finding, SandboxClient control) {
        return control.conversations().stream().filter(g -> g.id().equals(finding.conversationId()))
                .map(SandboxClient.Guest::label).findFirst().orElse(finding.conversationId().substring(0, 8));
    }

    private static String queues(SandboxClient control) {
        Table table = new Table("queue", "waiting", "of which lingering");
        for (SandboxClient.QueueStats q : control.queueStats()) {
            table.row(q.name(), q.waiting(), q.lingering());
        }
        return table.render();
    }

    private static String age(Duration age) {
        return age.toHours() > 0 ? age.toHours() + "h" + String.format("%02dm", age.toMinutesPart()) : age.toMinutes() + "m";
    }

    /** What the engine did, in the legs' words: the order is the point of the demo. */
    private String what(Outcome outcome) {
        if (outcome instanceof Outcome.Ended ended) {
            if (ended.alreadyEnded()) {
                return "already ended";
            }
            List<String> legs = ended.steps().stream().map(r -> r.step() instanceof Step.DisconnectLeg leg
                    ? leg.leg().purpose().name().toLowerCase() + " leg" : "teardown").toList();
            return "ended: " + String.join(", then ", legs);
        }
        if (outcome instanceof Outcome.Skipped skipped) {
            return "left alone: " + skipped.reason().sentence();
        }
        return OutcomeView.line(outcome).strip();
    }

    private static String abbreviate(String ids) {
        return ids.length() <= 40 ? ids : ids.substring(0, 37) + "...";
    }
}
