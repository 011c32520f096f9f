package dev.unstuck.bench;

import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * bench/run --lag (issue 14): the sweep on one org with analytics 0, 5 and 30 s behind the conversations,
 * on the real clock. Lag costs reads: the bulk verification cannot see an end analytics does not show
 * yet, so each such ending is read once more. Counted from the sandbox's request log, with what a wrong
 * sweep would show (live agents or healthy guests ended, stuck left, lingering queue entries).
 * Writes {@code results/lag.md}.
 */
final class LagBench {
    private LagBench() {}

    static void run(List<String> args, Path out) throws Exception {
        int size = Integer.parseInt(Bench.option(args, "--lag-size", "2000"));
        int budget = Integer.parseInt(Bench.option(args, "--lag-budget", "3000"));
        List<Integer> lags = new ArrayList<>();
        for (String lag : Bench.option(args, "--lags", "0,5,30").split(",")) {
            lags.add(Integer.parseInt(lag.trim()));
        }
        List<String> lines = new ArrayList<>();
        lines.add("# Analytics lag (issue 14): calls per ending when analytics trails the conversations");
        lines.add("");
        lines.add("Measured " + LocalDate.now() + " by `bench/run --lag` on " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.version") + "; sandbox on the real clock with `analyticsLagSeconds`"
                + " set per row. The org: " + String.format(Locale.ROOT, "%,d", size) + " open conversations, 10% stuck (waiting,"
                + " looping, orphaned), 10% with a live agent, the rest healthy; `unstuck sweep` at " + String.format(Locale.ROOT, "%,d", budget)
                + " requests a minute. Real analytics trails by \"seconds\" (how many is UNCONFIRMED; docs/fidelity.md).");
        lines.add("");
        lines.add("| analytics lag | stuck ended | stuck left | live agents ended | healthy ended | lingering | 429s | calls | calls per ended | wall |");
        lines.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.REAL))) {
            SandboxProbe probe = new SandboxProbe(sandbox.baseUri());
            for (int lag : lags) {
                Run run = Bench.race(probe, sandbox.baseUri(), new BenchScenario(size, budget, false, lag), "unstuck", () -> { });
                System.out.println("lag " + lag + " s: " + run);
                SandboxProbe.Tally t = run.tally();
                lines.add(String.format(Locale.ROOT, "| %d s | %,d | %,d | %,d | %,d | %d | %d | %,d%s | %.3f | %d s |", lag, t.stuckEnded(),
                        t.stuckLeft(), t.liveEnded(), t.healthyEnded(), t.lingering(), t.status429(), t.calls(),
                        t.requestsLost() ? " (lower bound)" : "", run.callsPerEnded(), run.wall().toSeconds()));
            }
        }
        lines.add("");
        lines.add("Where the extra calls go: the sweep's bulk verification asks analytics for the ended conversations (one query"
                + " per hundred); an end analytics does not show yet is read with `GET /api/v2/conversations/{id}` (one call),"
                + " so the endings of the last lag seconds before the verification cost one call more each. The scan itself is"
                + " unaffected: a guest analytics still shows open that the engine then finds ended costs one look and no act.");
        Files.createDirectories(out);
        Files.write(out.resolve("lag.md"), lines);
        Report.requote(out);
        System.out.println("wrote " + out.toAbsolutePath().resolve("lag.md"));
    }
}
