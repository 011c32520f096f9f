package dev.unstuck.bench;

import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/run --scale}: issue 14's must-show on the sandbox at issue 21's worst case (real clock, the
 * 8,000-match limit, analytics 10 s behind, a details job fulfilled after 60 s with data
 * {@code --scale-availability} seconds behind, default 86,400): a sweep on an org
 * of {@code --scale-size} open conversations (default 100,000) in ten queues, 10% stuck, each kind all
 * arrived in the same minute, at {@code --scale-budget} requests a minute (default 6,000); then a watch
 * on {@code --scale-watch} guests (default 10,000, ten minutes in their queues): {@code ./unstuck watch} started by the
 * launcher with its default JVM options ({@code --scale-java-opts A,B} sets UNSTUCK_JAVA_OPTS to "A B" instead: bench.args
 * is split at spaces), how long until it
 * follows them all, its resident memory and its live heap. {@code --scale-size 0} runs the watch part only. Writes {@code results/scale.md}.
 */
final class ScaleBench {
    private ScaleBench() {}

    static void run(List<String> args, Path out) throws Exception {
        int size = Integer.parseInt(Bench.option(args, "--scale-size", "100000"));
        int budget = Integer.parseInt(Bench.option(args, "--scale-budget", "6000"));
        int watchGuests = Integer.parseInt(Bench.option(args, "--scale-watch", "10000"));
        int availability = Integer.parseInt(Bench.option(args, "--scale-availability", "86400"));
        List<String> lines = new ArrayList<>();
        lines.add("# Scale (issue 14): more open guests than one analytics query lists");
        lines.add("");
        lines.add("Measured " + LocalDate.now() + " by `bench/run " + String.join(" ", args) + "` on "
                + Bench.machine() + ", Java " + System.getProperty("java.version")
                + "; sandbox on the real clock at issue 21's worst case (8,000-match limit, analytics 10 s behind, details jobs"
                + " fulfilled after 60 s with data " + availability + " s behind, so today's guests are found by draining queue"
                + " observations). The org: ten queues, 10% of the guests stuck (90 minutes in the queue), the rest healthy"
                + " (a minute); each kind arrived in one minute.");
        lines.add("");
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.REAL))) {
            SandboxProbe probe = new SandboxProbe(sandbox.baseUri());
            if (size > 0) {
                Run run = Bench.race(probe, sandbox.baseUri(), BenchScenario.sameMinuteAtWorst(size, budget, availability), "unstuck", () -> { });
                System.out.println("scale sweep: " + run);
                SandboxProbe.Tally t = run.tally();
                lines.add("| open conversations | budget/min | stuck ended | stuck left | healthy ended | lingering | 429s | calls"
                        + " | calls per ended | wall | sweep's peak RSS |");
                lines.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
                lines.add(String.format(Locale.ROOT, "| %,d | %,d | %,d | %,d | %,d | %d | %d | %,d%s | %.3f | %d s | %d MiB |", size, budget,
                        t.stuckEnded(), t.stuckLeft(), t.healthyEnded(), t.lingering(), t.status429(), t.calls(),
                        t.requestsLost() ? " (lower bound)" : "", run.callsPerEnded(), run.wall().toSeconds(), run.peakRssKib() >> 10));
                lines.add("");
            } else {
                lines.addAll(previousSweep(out.resolve("scale.md")));
            }
            if (watchGuests > 0) {
                probe.load(watchOrg(watchGuests));
                Followed f = follow(sandbox.baseUri(), 3000, watchGuests, Bench.option(args, "--scale-java-opts", "").replace(',', ' '), out);
                System.out.println("scale watch: " + f);
                lines.add("| watch on | budget/min | JVM options | followed | time to follow all | peak RSS | RSS then | live heap after a full GC | channels opened | troubles |");
                lines.add("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
                lines.add(String.format(Locale.ROOT, "| %,d | 3,000 | %s | %,d | %.1f s | %d MiB | %d MiB | %.1f MiB | %d | %d |", watchGuests,
                        f.javaOpts().isBlank() ? "the launcher's defaults" : "`" + f.javaOpts() + "`", f.tracked(), f.millis() / 1000.0,
                        f.peakKib() >> 10, f.rssKib() >> 10, f.liveHeapBytes() / 1048576.0, f.connects(), f.troubles()));
                lines.add("");
                lines.add("The watch is `./unstuck watch` started by the repository's launcher"
                        + (f.javaOpts().isBlank() ? " with no JVM option from the user" : " with `UNSTUCK_JAVA_OPTS=" + f.javaOpts() + "`")
                        + "; resident memory is read from /proc once it follows every guest, then `jcmd GC.class_histogram`"
                        + " (a full collection first) gives the live heap (the histogram: watch-histogram.txt beside this file).");
            }
        }
        Files.createDirectories(out);
        Files.write(out.resolve("scale.md"), lines);
        Report.requote(out);
        System.out.println("wrote " + out.toAbsolutePath().resolve("scale.md"));
    }

    /** {@code guests} waiting ten minutes in ten queues, all arrived in the same minute: old enough to be scanned, not stuck. */
    static String watchOrg(int guests) {
        com.fasterxml.jackson.databind.node.ObjectNode root = BenchScenario.org(3000);
        com.fasterxml.jackson.databind.node.ArrayNode queues = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("queues");
        com.fasterxml.jackson.databind.node.ArrayNode list = root.putArray("guests");
        for (int q = 1; q <= BenchScenario.SCALE_QUEUES; q++) {
            queues.addObject().put("name", "Queue " + q);
            int inQueue = guests / BenchScenario.SCALE_QUEUES + (q <= guests % BenchScenario.SCALE_QUEUES ? 1 : 0);
            BenchScenario.add(list, "healthy-q" + q, "waiting", "Queue " + q, 600, inQueue, null);
        }
        return root.toString();
    }

    /** With {@code --scale-size 0} the sweep's table of the last full run stays (it is the header's "by" that changes). */
    private static List<String> previousSweep(Path file) throws java.io.IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> kept = new ArrayList<>();
        boolean in = false;
        String when = "by an earlier run";
        for (String line : Files.readAllLines(file)) {
            Matcher date = Pattern.compile("^(?:Measured|The sweep, measured) (\\d{4}-\\d{2}-\\d{2})").matcher(line);
            if (date.find() && (when.startsWith("by") || line.startsWith("The sweep"))) {
                when = date.group(1);
            }
            in = in ? !line.isBlank() : line.startsWith("| open conversations");
            if (in) {
                kept.add(line);
            }
        }
        if (!kept.isEmpty()) {
            kept.add(0, "The sweep, measured " + when + " (the last run that measured it):");
            kept.add(1, "");
            kept.add("");
        }
        return kept;
    }

    record Followed(String javaOpts, int tracked, long millis, long peakKib, long rssKib, long liveHeapBytes, int connects, int troubles) {
    }

    /**
     * Runs {@code ./unstuck watch} (the launcher, the shaded jar, its default JVM options unless
     * {@code javaOpts}) on the sandbox's org until it follows {@code expected} guests or three minutes
     * pass; reads its resident memory, then its live heap.
     */
    static Followed follow(URI base, int budget, int expected, String javaOpts, Path out) throws Exception {
        Path home = Files.createTempDirectory("unstuck-scale-watch");
        Path config = home.resolve("config.yaml");
        Files.writeString(config, """
                orgs:
                  bench: {region: "%s", clientId: %s, clientSecret: %s, requestsPerMinute: %d}
                detection:
                  maxWait: 4h
                audit:
                  db: %s
                """.formatted(base, BenchScenario.CLIENT_ID, BenchScenario.SECRET, budget, home.resolve("audit.db")));
        Pattern following = Pattern.compile("scan: following (\\d+) guest");
        long started = System.nanoTime();
        try (Launched watch = Launched.start(Optional.of(javaOpts), "watch", "--config", config.toString())) {
            int tracked = 0;
            while (tracked < expected && watch.alive() && System.nanoTime() - started < TimeUnit.MINUTES.toNanos(3)) {
                Thread.sleep(100);
                for (String line : watch.lines()) {
                    Matcher m = following.matcher(line);
                    if (m.find()) {
                        tracked = Math.max(tracked, Integer.parseInt(m.group(1)));
                    }
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            long peak = watch.statusKib("VmHWM:");
            long rss = watch.statusKib("VmRSS:");
            Files.createDirectories(out);
            long live = watch.liveHeapBytes(out.resolve("watch-histogram.txt"));
            List<String> seen = watch.lines();
            int connects = (int) seen.stream().filter(l -> l.contains("subscribed to ")).count();
            int troubles = (int) seen.stream().filter(l -> l.contains("trouble: ")).count();
            if (tracked < expected) {
                seen.stream().skip(Math.max(0, seen.size() - 40)).forEach(l -> System.out.println("  [watch] " + l));
            }
            return new Followed(javaOpts, tracked, millis, peak, rss, live, connects, troubles);
        }
    }
}
