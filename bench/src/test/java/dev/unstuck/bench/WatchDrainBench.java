package dev.unstuck.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.Watch;
import dev.unstuck.core.detect.WatchListener;
import dev.unstuck.core.engine.AuditSink;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.CallRecord;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;
import dev.unstuck.sandbox.client.SandboxClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench/run --watch-drain}: the watch draining one queue past the analytics query's limit, on the
 * real clock at issue 21's worst case (the 8,000-match limit, analytics 10 s behind, details jobs fulfilled
 * after 60 s with data a day behind): {@code --drain-stuck} guests (default 10,000) stuck 90 minutes in one
 * queue, arrived within one minute, beside 500 healthy guests waiting a minute and 50 with a live agent;
 * unstuck's {@link Watch} (engine lean, as {@code unstuck watch}) at {@code --drain-budget} requests a
 * minute (default 6,000; the org's limit the same, so each route allows 60% of it) until every stuck guest
 * is handled or {@code --drain-cap} minutes (default 30) pass. Writes {@code results/watch-drain.md}.
 */
final class WatchDrainBench {
    private WatchDrainBench() {}

    static void run(List<String> args, Path out) throws Exception {
        int stuck = Integer.parseInt(Bench.option(args, "--drain-stuck", "10000"));
        int budget = Integer.parseInt(Bench.option(args, "--drain-budget", "6000"));
        Duration cap = Duration.ofMinutes(Long.parseLong(Bench.option(args, "--drain-cap", "30")));
        List<String> lines = new ArrayList<>();
        lines.add("# The watch drains a queue past the analytics query's limit");
        lines.add("");
        lines.add("Measured " + LocalDate.now() + " by `bench/run " + String.join(" ", args) + "` on " + Bench.machine() + ", Java "
                + System.getProperty("java.version") + "; sandbox on the real clock at issue 21's worst case (8,000-match limit with the"
                + " generic 502, analytics 10 s behind, details jobs fulfilled after 60 s with data a day behind, so the queue's guests are"
                + " found by draining its observation). The org: " + String.format(Locale.ROOT, "%,d", stuck) + " guests stuck 90 minutes"
                + " in one queue, arrived within one minute, beside 500 healthy guests (a minute) and 50 with a live agent in the same"
                + " queue. unstuck's `Watch` (engine lean, as `unstuck watch`; hourly limit raised out of the way) runs until every stuck"
                + " guest is handled; calls are every HTTP exchange of its client, token and retries included.");
        lines.add("");
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.REAL))) {
            SandboxProbe probe = new SandboxProbe(sandbox.baseUri());
            probe.load(org(stuck, budget));
            Drained d = drain(sandbox, budget, stuck, cap);
            System.out.println("watch drain: " + d);
            SandboxProbe.Tally t = probe.tally();
            lines.add("| stuck | budget/min | handled | stuck ended | healthy ended | live ended | lingering | scans | channels | calls"
                    + " | calls per ended | observations | details queries | 429s | until the last ending |");
            lines.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            lines.add(String.format(Locale.ROOT, "| %,d | %,d | %,d | %,d | %d | %d | %d | %d | %d | %,d | %.3f | %d | %d | %d | %.0f s |",
                    stuck, budget, d.handled(), t.stuckEnded(), t.healthyEnded(), t.liveEnded(), t.lingering(), d.scans(), d.connects(),
                    d.calls(), d.calls() / (double) Math.max(1, t.stuckEnded()), d.observations(), d.detailsQueries(), d.status429(),
                    d.millis() / 1000.0));
            lines.add("");
            lines.add("One scan lists the queue's oldest 50 itself (after the whole query and the queue's own are refused: 502s that"
                    + " outlast the retries), then the watch drains it in rounds of 50 (one observation and one query by id each), each"
                    + " round once the engine has taken up the last; the engine's three calls per guest set the pace (" + budget
                    + " a minute, each route " + budget * 60 / 100 + ": two PATCHes per guest on one route). See docs/scale.md,"
                    + " \"The watch drains in rounds too\".");
            for (String trouble : d.troubles()) {
                lines.add("");
                lines.add("Trouble told: " + trouble.replace('|', '/'));
            }
        }
        Files.createDirectories(out);
        Files.write(out.resolve("watch-drain.md"), lines);
        System.out.println("wrote " + out.toAbsolutePath().resolve("watch-drain.md"));
    }

    record Drained(int handled, int scans, int connects, int calls, int observations, int detailsQueries, int status429, long millis,
                   List<String> troubles) {
    }

    private static Drained drain(Sandbox sandbox, int budget, int stuck, Duration cap) throws Exception {
        GenesysClient client = GenesysClient.create(Region.parse(sandbox.baseUri().toString()),
                new Credentials(BenchScenario.CLIENT_ID, BenchScenario.SECRET), ClientSettings.defaults().withRequestsPerMinute(budget));
        Queue<CallRecord> calls = new ConcurrentLinkedQueue<>();
        client.onCall(calls::add);
        AtomicInteger handled = new AtomicInteger();
        AtomicInteger scans = new AtomicInteger();
        AtomicInteger connects = new AtomicInteger();
        List<String> troubles = new CopyOnWriteArrayList<>();
        long[] lastEnding = {0};
        Watch watch = new Watch(client, new Engine(client, AuditSink.NONE, EnginePolicy.lean()), Clock.systemUTC(),
                Policy.defaults().withLimit(1_000_000), Watch.Settings.defaults(), new EndRequest(false, false, "bench: watch drain", "bench"),
                new WatchListener() {
                    @Override
                    public void connected(String channelId, int queues) {
                        connects.incrementAndGet();
                    }

                    @Override
                    public void scanned(int tracked) {
                        scans.incrementAndGet();
                    }

                    @Override
                    public void handled(Finding finding, Outcome outcome) {
                        handled.incrementAndGet();
                        lastEnding[0] = System.nanoTime();
                    }

                    @Override
                    public void trouble(String what) {
                        troubles.add(what);
                    }
                });
        Thread thread = new Thread(watch::run, "bench-watch-drain");
        long started = System.nanoTime();
        thread.start();
        try {
            while (handled.get() < stuck && System.nanoTime() - started < cap.toNanos()) {
                Thread.sleep(1000);
            }
        } finally {
            watch.stop();
            thread.join(30_000);
        }
        List<CallRecord> made = List.copyOf(calls);
        return new Drained(handled.get(), scans.get(), connects.get(), made.size(),
                (int) made.stream().filter(c -> c.path().startsWith("/api/v2/analytics/queues/observations")).count(),
                (int) made.stream().filter(c -> c.path().startsWith("/api/v2/analytics/conversations/details/query")).count(),
                (int) made.stream().filter(c -> c.status() == 429).count(), TimeUnit.NANOSECONDS.toMillis(lastEnding[0] - started),
                List.copyOf(troubles));
    }

    /** The org: {@code stuck} guests stuck in Support (ten arrivals six seconds apart), 500 healthy and 50 with a live agent beside them. */
    static String org(int stuck, int budget) {
        ObjectNode root = BenchScenario.org(budget);
        ((ObjectNode) root.get("settings")).put("analyticsLagSeconds", 10).put("analyticsJobDelaySeconds", 60)
                .put("analyticsJobAvailabilityLagSeconds", 86400);
        ArrayNode guests = root.putArray("guests");
        for (int arrival = 0; arrival < 10; arrival++) {
            int count = stuck / 10 + (arrival < stuck % 10 ? 1 : 0);
            BenchScenario.add(guests, "stuck-" + arrival, "waiting", "Support", 5400 + 6 * arrival, count, null);
        }
        BenchScenario.add(guests, "healthy", "waiting", "Support", 60, 500, null);
        BenchScenario.add(guests, "live", "live-agent", "Support", 5400, 50, "Agent 1");
        return root.toString();
    }
}
