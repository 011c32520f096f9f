package dev.unstuck.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.app.demo.DemoRun;
import dev.unstuck.app.demo.SandboxControl;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditEntry;
import dev.unstuck.app.store.AuditLocation;
import dev.unstuck.app.store.AuditQuery;
import dev.unstuck.app.store.AuditRecorder;
import dev.unstuck.app.text.Table;
import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.detect.Sweep;
import dev.unstuck.core.detect.SweepListener;
import dev.unstuck.core.detect.SweepReport;
import dev.unstuck.core.detect.SweepRequest;
import dev.unstuck.core.detect.Watch;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * `unstuck demo`: the whole job on a local org. Starts the embedded sandbox with the demo scenario,
 * shows the queues, ends the stuck guests, shows the queues and the audit again, then leaves the
 * sandbox running for the user to try the CLI against it.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        header = "The tour: a local org with stuck guests, ended safely, with queues and audit.",
        description = {"Start the local Genesys Cloud sandbox with the demo scenario and sweep it:",
                "guests waiting over 10 minutes, looping or orphaned are ended; live agents are",
                "left alone. Show the queues before and after and the audit, then keep the",
                "sandbox running with unstuck watch on, so you can try the CLI on it.",
                "Ctrl-C stops it."})
final class DemoCommand implements Callable<Integer> {
    static final String SCENARIO = "/scenarios/demo.json";
    static final String DEMO_CLIENT = "unstuck-demo";

    private final AppContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "0", description = "Sandbox port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--exit", description = "Stop the sandbox when the tour is done instead of keeping it running.")
    boolean exit;

    DemoCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String scenario = scenario();
        Sandbox sandbox = SandboxCommand.start(SandboxOptions.defaults().withPort(port).withClock(ClockMode.REAL).withScenario(scenario));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Path workspace = Files.createTempDirectory("unstuck-demo-");
            Path config = writeConfig(workspace, sandbox, secretOf(scenario));
            String example = tour(context, out, sandbox, workspace);
            if (exit) {
                out.println("--exit: the sandbox at " + sandbox.baseUri() + " stops now, and the demo's temporary folder "
                        + workspace + " (its config file and audit database) is removed.");
                out.flush();
                removeWorkspace(workspace);
                return ExitCode.OK.code();
            }
            out.println("The sandbox keeps running at " + sandbox.baseUri() + " (control API " + sandbox.baseUri() + "/sandbox/v1).");
            out.println("Point the CLI at it with the demo's config file (it holds the demo client's credentials):");
            out.println("  ./unstuck doctor --config " + config);
            out.println("  ./unstuck inspect --config " + config + " " + example);
            out.println("  ./unstuck end --config " + config + " " + example + " --dry-run --force");
            out.println("  ./unstuck sweep --config " + config + " --dry-run");
            out.println("or export GENESYSCLOUD_REGION=" + sandbox.baseUri() + " with the client id and secret of '"
                    + DEMO_CLIENT + "' from sandbox/scenarios/demo.json.");
            out.println();
            out.println("unstuck watch is on for the sandbox: three guests cross " + DemoRun.MAX_WAIT.toMinutes()
                    + " minutes of waiting within the first minute, the fresh ones later while you look, and it ends each"
                    + " within one event; its lines follow. Press Ctrl-C to stop.");
            out.flush();
            Watch watch = startWatch(context, out, sandbox, workspace);
            Runtime.getRuntime().addShutdownHook(new Thread(watch::stop, "demo-watch-stop"));
            out.flush();
            stopped.await();
            return ExitCode.OK.code();
        } finally {
            if (exit) {
                Runtime.getRuntime().removeShutdownHook(hook);
                sandbox.close();
            }
            out.flush();
        }
    }

    /** The demo's own temporary folder, written by this run only: its config file and audit database. */
    private static void removeWorkspace(Path workspace) throws java.io.IOException {
        try (var paths = Files.walk(workspace)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Runs the tour and answers the id of a conversation worth inspecting afterwards. */
    private String tour(AppContext context, PrintWriter out, Sandbox sandbox, Path workspace) throws Exception {
        SandboxControl control = new SandboxControl(sandbox.baseUri());
        GenesysClient client = demoClient(sandbox);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        client.onCall(call -> calls.incrementAndGet());
        out.println("Genesys Cloud sandbox with the demo scenario at " + sandbox.baseUri());
        out.println();
        out.println("Queues before:");
        out.print(queues(control));
        out.println();
        out.println("unstuck sweep: analytics finds the guests held by a queue; each one waiting over "
                + DemoRun.MAX_WAIT.toMinutes() + " minutes, looping or orphaned");
        out.println("goes to the engine, which looks again, ends the queue leg first, and the batch is verified:");
        String runId = UUID.randomUUID().toString();
        try (AuditDatabase db = openAudit(workspace)) {
            Engine engine = new Engine(client, new AuditRecorder(db, runId, "demo"), EnginePolicy.lean());
            Sweep sweep = new Sweep(client, engine, context.clock());
            DemoRun.Result result = new DemoRun(control, sweep).run(new SweepRequest(false, List.of(),
                    "unstuck demo", context.operator()), new SweepListener() {
                        @Override
                        public void handled(Finding finding, Outcome outcome) {
                            out.println(String.format("  %-16s %-9s %-8s %s", label(finding, control), finding.why(),
                                    age(java.time.Duration.between(finding.guest().start(), context.clock().instant())), what(outcome)));
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
            for (AuditEntry e : db.query(AuditQuery.ofRun(runId))) {
                if (e.kind().equals("outcome")) {
                    audit.row(e.conversationId(), abbreviate(e.summary()), abbreviate(e.reason()), e.correlationIds().stream().findFirst().orElse(""));
                }
            }
            out.print(audit.render());
            out.println();
            return control.conversations().stream().filter(g -> g.kind().equals("live-agent")).map(SandboxControl.GuestInfo::id)
                    .findFirst().orElse("ID");
        }
    }

    private static GenesysClient demoClient(Sandbox sandbox) {
        try {
            return GenesysClient.create(Region.parse(sandbox.baseUri().toString()),
                    new Credentials(DEMO_CLIENT, secretOf(scenario())), ClientSettings.defaults());
        } catch (dev.unstuck.core.genesys.UnknownRegionException e) {
            throw new IllegalStateException("the sandbox's own address is not a base URL: " + sandbox.baseUri(), e);
        }
    }

    private static String label(Finding finding, SandboxControl control) {
        return control.conversations().stream().filter(g -> g.id().equals(finding.conversationId()))
                .map(SandboxControl.GuestInfo::label).findFirst().orElse(finding.conversationId().substring(0, 8));
    }

    /** After the tour: the watch keeps the sandbox's queues clean while the user tries the CLI. */
    private static Watch startWatch(AppContext context, PrintWriter out, Sandbox sandbox, Path workspace) {
        GenesysClient client = demoClient(sandbox);
        AuditDatabase db = openAudit(workspace);
        Engine engine = new Engine(client, new AuditRecorder(db, UUID.randomUUID().toString(), "demo"), EnginePolicy.defaults());
        Watch watch = new Watch(client, engine, context.clock(), DemoRun.POLICY, Watch.Settings.defaults(),
                new EndRequest(false, false, "unstuck demo watch", context.operator()), new WatchCommand.Report(out, "demo"));
        Thread thread = new Thread(() -> {
            try {
                watch.run();
            } finally {
                db.close();
            }
        }, "demo-watch");
        thread.setDaemon(true);
        thread.start();
        return watch;
    }

    private static String queues(SandboxControl control) {
        Table table = new Table("queue", "waiting", "of which lingering");
        for (SandboxControl.QueueStats q : control.queueStats()) {
            table.row(q.name(), q.waiting(), q.lingering());
        }
        return table.render();
    }

    private static String age(java.time.Duration age) {
        return age.toHours() > 0 ? age.toHours() + "h" + String.format("%02dm", age.toMinutesPart()) : age.toMinutes() + "m";
    }

    /** What the engine did, in the legs' words: the order is the point of the demo. */
    private static String what(Outcome outcome) {
        if (outcome instanceof Outcome.Ended ended) {
            if (ended.alreadyEnded()) {
                return "already ended";
            }
            List<String> legs = ended.steps().stream().map(r -> r.step() instanceof dev.unstuck.core.engine.Step.DisconnectLeg leg
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

    private static AuditDatabase openAudit(Path workspace) {
        try {
            return AuditDatabase.open(AuditLocation.parse(workspace.resolve("audit.db").toString()));
        } catch (AuditDatabase.AuditUnavailable e) {
            throw new UserError(ExitCode.CONFIG, e.getMessage());
        }
    }

    static String scenario() {
        try (InputStream in = DemoCommand.class.getResourceAsStream(SCENARIO)) {
            if (in == null) {
                throw new IllegalStateException("the demo scenario is missing from the application jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the demo scenario", e);
        }
    }

    static String secretOf(String scenario) {
        try {
            for (JsonNode client : new ObjectMapper().readTree(scenario).path("oauthClients")) {
                if (client.path("id").asText().equals(DEMO_CLIENT)) {
                    return client.path("secret").asText();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the demo scenario is not JSON", e);
        }
        throw new IllegalStateException("the demo scenario has no OAuth client '" + DEMO_CLIENT + "'");
    }

    private static Path writeConfig(Path workspace, Sandbox sandbox, String secret) throws IOException {
        Path config = workspace.resolve("demo.yaml");
        Files.writeString(config, String.join("\n",
                "# written by 'unstuck demo' for its sandbox; delete at will",
                "defaultOrg: demo",
                "orgs:",
                "  demo:",
                "    region: " + sandbox.baseUri(),
                "    clientId: " + DEMO_CLIENT,
                "    clientSecret: " + secret,
                "detection:",
                "  maxWait: " + DemoRun.MAX_WAIT.toMinutes() + "m",
                "  minAge: 1m",
                "audit:",
                "  db: " + workspace.resolve("audit.db"),
                ""));
        return config;
    }
}
