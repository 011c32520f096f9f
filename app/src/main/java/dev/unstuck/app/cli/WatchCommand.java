package dev.unstuck.app.cli;

import dev.unstuck.app.config.ConfigFile;
import dev.unstuck.app.service.OrgRuntime;
import dev.unstuck.app.store.AnalyticsGhosts;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditRecorder;
import dev.unstuck.app.store.SharedConnection;
import dev.unstuck.core.detect.AnalyticsGhost;
import dev.unstuck.core.detect.Durations;
import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.Watch;
import dev.unstuck.core.detect.WatchListener;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.engine.Plan;
import dev.unstuck.core.genesys.GenesysOrg;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
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
        Lines lines = new Lines(spec.commandLine().getOut(), jsonLines());
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
                        request, new Report(lines, genesys.name())).remembering(new AnalyticsGhosts(ghosts, genesys.name()));
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
    private static void work(Lines out, String org, Engine engine, EndRequest request, Watch watch, List<Watch> watches,
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
    private static void stopAll(Lines out, List<GenesysOrg> genesysOrgs, List<Watch> watches, List<Thread> threads) {
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

    static void say(PrintWriter out, String line) {
        synchronized (out) {
            out.println(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " " + line);
            out.flush();
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

    /**
     * Where a watch's events go: a line of text with the time and the org, or one JSON object per line
     * with {@code time}, {@code event}, {@code org} and the event's fields (docs/schemas/watch.schema.json).
     */
    record Lines(PrintWriter out, boolean json) {
        void event(String org, String event, String text, Map<String, ?> fields) {
            if (!json) {
                say(out, (org == null ? "" : "[" + org + "] ") + text);
                return;
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("time", java.time.Instant.now().toString());
            line.put("event", event);
            line.put("org", org);
            line.put("message", text);
            line.putAll(fields);
            synchronized (out) {
                out.println(JsonOutput.line(line));
                out.flush();
            }
        }
    }

    /** One event per thing worth knowing, with the org. */
    record Report(Lines lines, String org, AtomicInteger ghosts) implements WatchListener {
        Report(PrintWriter out, String org) {
            this(new Lines(out, false), org);
        }

        Report(Lines lines, String org) {
            this(lines, org, new AtomicInteger());
        }

        @Override
        public void connected(String channelId, int queues) {
            lines.event(org, "subscribed", "subscribed to " + queues + " queue" + (queues == 1 ? "" : "s") + " on channel " + channelId,
                    Map.of("channelId", channelId, "queues", queues));
        }

        @Override
        public void disconnected(String why) {
            lines.event(org, "disconnected", why + "; reconnecting and rescanning", Map.of("cause", why));
        }

        @Override
        public void scanned(int tracked) {
            lines.event(org, "scanned", "scan: following " + tracked + " guest" + (tracked == 1 ? "" : "s"), Map.of("tracked", tracked));
        }

        @Override
        public void handled(Finding finding, Outcome outcome) {
            boolean wouldEnd = outcome instanceof Outcome.Planned p && p.plan() instanceof Plan.Steps;
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("conversationId", finding.conversationId());
            fields.put("queue", finding.queue());
            fields.put("reason", finding.why());
            fields.put("detail", finding.verdict().detail());
            fields.put("dryRun", outcome instanceof Outcome.Planned);
            fields.put("outcome", OutcomeView.json(outcome));
            if (outcome instanceof Outcome.Planned p && p.plan() instanceof Plan.Steps steps) {
                fields.put("steps", steps.steps().stream().map(s -> StepView.planned(s, finding.conversationId())).toList());
            }
            lines.event(org, wouldEnd ? "would-end" : "handled", (wouldEnd ? "would end " : "") + finding.conversationId() + " "
                    + finding.queue() + " " + finding.why() + " (" + finding.verdict().detail() + "): " + outcome.summary(), fields);
        }

        @Override
        public void ghost(AnalyticsGhost ghost) {
            int met = ghosts.incrementAndGet();
            lines.event(org, "analytics-ghost", "analytics ghost " + ghost.conversationId() + " " + ghost.queue() + ": open in analytics, "
                    + (ghost.notFound() ? "unknown to" : "over for") + " the conversation API; not an ending, left out for a day ("
                    + met + " so far)", Map.of("conversationId", ghost.conversationId(), "queue", ghost.queue(),
                    "notFound", ghost.notFound(), "analyticsGhosts", met));
        }

        @Override
        public void limitReached(int limit) {
            lines.event(org, "limit-reached", limit + " ended in the last hour: the policy's limit; the rest wait", Map.of("limit", limit));
        }

        @Override
        public void trouble(String what) {
            lines.event(org, "trouble", "trouble: " + what + "; retrying", Map.of("cause", what));
        }
    }
}
