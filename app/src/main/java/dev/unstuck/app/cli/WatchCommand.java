package dev.unstuck.app.cli;

import dev.unstuck.app.config.ConfigFile;
import dev.unstuck.app.service.OrgRuntime;
import dev.unstuck.app.store.AnalyticsGhosts;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditRecorder;
import dev.unstuck.app.store.SharedConnection;
import dev.unstuck.app.view.OutcomeView;
import dev.unstuck.app.view.WatchLines;
import dev.unstuck.core.detect.Durations;
import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.Watch;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.GenesysOrg;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** `unstuck watch`: continuous detection on one org or every org of the config file, until stopped. */
@Command(name = "watch",
        header = "Watch queues continuously and end guests as they cross a rule.",
        description = {"Follow the queues' notification topics and end each guest within one event",
                "of crossing a rule of the detection policy (stuck, looping, orphaned, idle);",
                "an analytics scan at the start, after every reconnect and every --scan-every",
                "catches what the stream missed. With --all-orgs every org of the config file",
                "is watched at once, each with its own credentials, region and rate budget.",
                "Ctrl-C or SIGTERM stops it cleanly: the conversation in hand is finished and",
                "the channels are closed."})
final class WatchCommand extends OrgCommand {
    @Mixin
    AuditOptions auditOptions;

    @Option(names = "--all-orgs", description = "Watch every org of the config file at once.")
    boolean allOrgs;

    @Option(names = "--scan-every", paramLabel = "DURATION", defaultValue = "5m",
            description = "How often an analytics scan reconciles what the stream missed (e.g. 90s, 5m). Default: ${DEFAULT-VALUE}.")
    String scanEvery;

    @Option(names = "--dry-run", description = "Shadow mode: detect, look and plan, report and audit what it would end (as dry runs), end nothing.")
    boolean dryRun;

    @Mixin
    EndingOptions ending;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "table (default: one line per event) or json (one JSON object per line, docs/schemas/watch.schema.json).")
    OutputFormat format;

    @Option(names = "--json", description = "Same as -o json.")
    boolean json;

    /** Set by tests and the demo: counted down once every org's watch has stopped. */
    CountDownLatch stopped = new CountDownLatch(1);

    WatchCommand(AppContext context) {
        super(context);
    }

    @Override
    public Integer call() throws Exception {
        Duration every = duration(scanEvery);
        WatchLines lines = new WatchLines(spec.commandLine().getOut(), jsonLines());
        OrgOptions.Chosen watched = allOrgs ? orgOptions.every() : orgOptions.one();
        ConfigFile config = watched.config();
        List<GenesysOrg> genesysOrgs = watched.orgs();
        PrintWriter out = spec.commandLine().getOut();
        String runId = UUID.randomUUID().toString();
        List<Watch> watches = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> death = new AtomicReference<>();
        try (AuditDatabase db = auditOptions.open(context, config.auditDb());
             SharedConnection ghosts = SharedConnection.open(db.location())) {
            for (GenesysOrg genesys : genesysOrgs) {
                OrgRuntime runtime = watched.runtime(genesys);
                Policy policy = runtime.detection().withForce(ending.force);
                // Lean: the look and one PATCH per leg; the stream's next event verifies the end (Watch).
                Engine engine = new Engine(runtime.client(), new AuditRecorder(db, runId, genesys.name(), "watch", context.operator()),
                        EndCommand.policy(config, EnginePolicy.lean()));
                EndRequest request = new EndRequest(ending.force, dryRun, ending.reasonOr("unstuck watch"), context.operator());
                Watch watch = new Watch(runtime.client(), engine, context.clock(), policy,
                        new Watch.Settings(every, Watch.Settings.defaults().lookback(), Watch.Settings.defaults().reconnectDelay()),
                        request, lines.of(genesys.name())).remembering(new AnalyticsGhosts(ghosts, genesys.name()));
                watches.add(watch);
                Thread thread = new Thread(() -> work(lines, genesys.name(), engine, request, watch, watches, death), "watch-" + genesys.name());
                threads.add(thread);
            }
            Thread hook = new Thread(() -> stopAll(lines, genesysOrgs, watches, threads), "watch-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            List<String> orgs = genesysOrgs.stream().map(GenesysOrg::name).toList();
            lines.event(null, "watching", "watching " + genesysOrgs.size() + " org" + (genesysOrgs.size() == 1 ? "" : "s") + " ("
                    + String.join(", ", orgs) + "); audit run " + runId + (dryRun ? "; dry run: nothing is ended" : "") + ". Ctrl-C stops.",
                    Map.of("orgs", orgs, "runId", runId, "dryRun", dryRun));
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is the one stopping us.
            }
        } finally {
            stopped.countDown();
        }
        Throwable died = death.get();
        if (died != null) {
            // Non-zero, so a supervisor (systemd, Kubernetes) restarts the watch; the next run resumes what was begun.
            lines.event(null, "stopped", "stopped: a worker died", Map.of("cause", "a worker died"));
            return died instanceof AuditDatabase.AuditWriteFailed ? ExitCode.AUDIT.code() : ExitCode.INTERNAL.code();
        }
        lines.event(null, "stopped", "stopped", Map.of());
        return ExitCode.OK.code();
    }

    /**
     * One org's worker: first finishes what stopped runs left begun, then watches. A worker that dies
     * is never lost silently: it says why in one line and stops the other orgs' workers, so the
     * process exits non-zero.
     */
    private static void work(WatchLines out, String org, Engine engine, EndRequest request, Watch watch, List<Watch> watches,
                             AtomicReference<Throwable> death) {
        try {
            List<Outcome> resumed = engine.resume(request);
            for (Outcome outcome : resumed) {
                out.event(org, "resumed", "resumed " + outcome.conversationId() + " (a stopped run had begun ending it): " + outcome.summary(),
                        Map.of("outcome", OutcomeView.json(outcome)));
            }
            watch.run();
        } catch (RuntimeException | Error e) {
            death.compareAndSet(null, e);
            String why = e instanceof AuditDatabase.AuditWriteFailed ? e.getMessage()
                    : "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            out.event(org, "worker-died", "worker died: " + why + "; stopping every org so a supervisor can restart the watch",
                    Map.of("cause", why));
            watches.forEach(Watch::stop);
        }
    }

    /** SIGTERM or Ctrl-C: each watch finishes the conversation in hand, closes its channel and says so. */
    private static void stopAll(WatchLines out, List<GenesysOrg> genesysOrgs, List<Watch> watches, List<Thread> threads) {
        out.event(null, "stopping", "stopping: finishing the conversation in hand, closing channels", Map.of());
        watches.forEach(Watch::stop);
        for (int i = 0; i < threads.size(); i++) {
            try {
                threads.get(i).join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            boolean alive = threads.get(i).isAlive();
            out.event(genesysOrgs.get(i).name(), alive ? "stuck" : "stopped", alive ? "did not stop within 30 s" : "stopped", Map.of());
        }
    }

    /** {@code --scan-every}: a duration above zero, or a usage error naming the option. */
    static Duration duration(String text) {
        try {
            Duration d = Durations.parse(text);
            if (d.isZero()) {
                throw new IllegalArgumentException("'" + text + "' is zero; scans need some time between them");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, "--scan-every: " + e.getMessage());
        }
    }

    /** {@code -o json} (or --json): JSON lines; table: text lines; nothing else streams. */
    private boolean jsonLines() {
        if (json && format != null && format != OutputFormat.json) {
            throw new UserError(ExitCode.USAGE, "--json is -o json; it cannot go with -o " + format);
        }
        OutputFormat chosen = json ? OutputFormat.json : format == null ? OutputFormat.table : format;
        if (chosen == OutputFormat.yaml || chosen == OutputFormat.csv) {
            throw new UserError(ExitCode.USAGE, "watch streams its events: -o table (lines) or -o json (one JSON object per line)");
        }
        return chosen == OutputFormat.json;
    }
}
