package dev.unstuck.bench;

import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run --scale}: issue 14's must-show on the sandbox at issue 21's worst case (real clock, the
 * 8,000-match limit, analytics 10 s behind, a details job fulfilled after 60 s with data
 * {@code --scale-availability} seconds behind, default 86,400): a sweep on an org
 * of {@code --scale-size} open conversations (default 100,000) in ten queues, 10% stuck, each kind all
 * arrived in the same minute, at {@code --scale-budget} requests a minute (default 6,000); then a watch
 * on {@code --scale-watch} guests (default 10,000, ten minutes in their queues) in a JVM of its own: how long until it follows them
 * all, and its resident memory. Writes {@code results/scale.md}.
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
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
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
            }
            if (watchGuests > 0) {
                probe.load(watchOrg(watchGuests));
                String result = follow(sandbox.baseUri(), 3000, watchGuests);
                System.out.println("scale watch: " + result);
                String[] p = result.split(" ");
                lines.add("| watch on | budget/min | followed | time to follow all | peak RSS | RSS then | channels opened | troubles |");
                lines.add("|---:|---:|---:|---:|---:|---:|---:|---:|");
                lines.add(String.format(Locale.ROOT, "| %,d | 3,000 | %,d | %.1f s | %d MiB | %d MiB | %s | %s |", watchGuests,
                        Integer.parseInt(p[1]), Long.parseLong(p[2]) / 1000.0, Long.parseLong(p[3]) >> 10, Long.parseLong(p[4]) >> 10, p[5], p[6]));
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

    /** Starts the watch in its own JVM (no heap option, as the launcher) and answers its result line. */
    private static String follow(URI base, int budget, int expected) throws Exception {
        Process process = new ProcessBuilder("java", "-cp", System.getProperty("java.class.path"), WatchFollower.class.getName(),
                base.toString(), String.valueOf(budget), String.valueOf(expected)).redirectErrorStream(true).start();
        String result = "followed 0 0 0 0 0 0";
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("followed ")) {
                    result = line;
                } else if (!line.isBlank()) {
                    System.out.println("  [watch] " + line);
                }
            }
        }
        process.waitFor();
        return result;
    }
}
