package dev.unstuck.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/** The bench's output: a Markdown table and a PNG chart in bench/results/. */
final class Report {
    private Report() {}

    static void write(Path folder, String machine, String command, List<Run> runs, List<WatchLatency.Result> watch,
                      List<Throughput.Result> throughput) throws IOException {
        Files.createDirectories(folder);
        StringBuilder md = new StringBuilder();
        md.append("# unstuck bench\n\n").append(machine).append("\n\nRegenerate: `bench/run").append(command.isBlank() ? "" : " " + command)
                .append("`\n\n");
        md.append("Each run loads a fresh sandbox org (10% stuck: waiting long, looping, orphaned; 10% with a live agent "
                + "open as long; the rest young) and lets one contestant, in a JVM of its own, clear it at the given budget (the "
                + "sandbox's per-token limit, and unstuck's client-side budget). `wall` is the contestant's own time, measured in "
                + "its JVM from just before its first call (its clients built) to the end of its work: JVM start-up excluded; `process` is "
                + "the whole child process, for reference. `stuck ended/min` is the job: stuck guests cleared "
                + "a minute. `ended/min` counts every conversation ended, wrongly ended ones included; the budget bound is budget / calls per ended conversation, so `% of bound` is the share "
                + "of the budget the contestant turned into endings. The sandbox counts a fixed one-minute window per token, so a run "
                + "shorter than a minute can burst past the per-minute pace (bound only by latency: the field scripts at 1k and "
                + "3,000/min), while unstuck's client paces itself at the budget whatever the length: calls spread evenly, up to one "
                + "second of permits left unused while it waited spent at once, never more than the budget in any 60.5 s (half "
                + "a second of headroom for network delay, which keeps it just under 100%).\n\n");
        md.append(harm(runs));
        md.append("## Every run\n\n");
        md.append("| size | budget/min | contestant | wall | process | stuck ended | stuck ended/min | ended/min | budget bound | % of bound | calls/ended "
                + "| 429s | 409s | lingering | live agents ended | healthy ended | peak RSS |\n");
        md.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Run r : runs) {
            SandboxProbe.Tally t = r.tally();
            md.append(String.format(Locale.ROOT, "| %,d | %,d | %s | %.1f s | %.1f s | %d / %d | %.1f | %.1f | %.1f | %.1f%% | %.2f | %d | %d | %d | %d | %d | %d MiB |%n",
                    r.size(), r.budget(), r.label(),
                    seconds(r.wall()), seconds(r.process()), t.stuckEnded(), t.stuckEnded() + t.stuckLeft(),
                    r.stuckEndedPerMinute(), r.endedPerMinute(), r.budgetBound(), 100 * r.shareOfBound(), r.callsPerEnded(), t.status429(), t.status409(),
                    t.lingering(), t.liveEnded(), t.healthyEnded(), r.peakRssKib() / 1024));
        }
        if (runs.stream().anyMatch(r -> r.tally().requestsLost())) {
            md.append("\n**Some answers fell out of the sandbox's request log between two reads**: calls, 429s and 409s of those "
                    + "runs are lower bounds.\n");
        }
        for (WatchLatency.Result w : watch) {
            WatchScenario s = w.scenario();
            SandboxProbe.Tally t = w.tally();
            md.append(String.format(Locale.ROOT, "%n## Watch mode: from threshold crossing to queue leg gone%n%n"
                    + "%d guests wait in one queue with queue waits just under maxWait (%d s), so they cross it one after another over "
                    + "%d s, the first %d s after the org loads; beside them %d young healthy guests and %d live-agent conversations "
                    + "older than maxWait. unstuck's `Watch` (real clock, minAge 30 s, engine policy %s, %,d requests/min) runs until "
                    + "every crossing guest is ended or %d s after the last crossing. Latency = the `acd` leg's `endTime` − (its "
                    + "`startTime` + maxWait), read from `GET /api/v2/conversations/messages/{id}`. The watch was connected and had "
                    + "scanned %.1f s after it started.%n%n", s.guests(), WatchScenario.MAX_WAIT_SECONDS, WatchScenario.SPREAD_SECONDS,
                    WatchScenario.LEAD_SECONDS, s.healthy(), s.live(), w.engine(), s.budgetPerMinute(), 60, seconds(w.ready())));
            md.append("| guests | budget/min | p50 | p99 | max | ended | calls/ended | 429s | 409s | lingering | live agents ended | healthy ended |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            md.append(String.format(Locale.ROOT, "| %d | %,d | %.2f s | %.2f s | %.2f s | %d / %d | %.2f | %d | %d | %d | %d | %d |%n",
                    s.guests(), s.budgetPerMinute(), seconds(w.percentile(0.50)), seconds(w.percentile(0.99)), seconds(w.max()),
                    w.latencies().size(), s.guests(), w.latencies().isEmpty() ? 0 : t.calls() / (double) w.latencies().size(),
                    t.status429(), t.status409(), t.lingering(), t.liveEnded(), t.healthyEnded()));
        }
        if (!throughput.isEmpty()) {
            md.append("\n## The sandbox's own throughput\n\nGET conversation, a pool of clients, same machine, same run; "
                    + "WireMock answers the same body from a static stub.\n\n| server | clients | requests/s | errors |\n|---|---:|---:|---:|\n");
            for (Throughput.Result t : throughput) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %d |%n", t.server(), t.clients(), t.requestsPerSecond(), t.errors()));
            }
        }
        if (!runs.isEmpty()) {
            md.append("\n![stuck guests cleared per minute against unstuck's budget bound, one panel per budget](chart.png)\n");
            chart(folder.resolve("chart.png"), runs);
        }
        md.append(MEASURED_APART).append(measuredApart(folder));
        Files.writeString(folder.resolve("results.md"), md.toString());
    }

    /**
     * What each contestant did to the org, first: the stuck guests it cleared beside the healthy guests and
     * live-agent conversations it ended and the 409s it met, on the same org at the same budget.
     */
    static String harm(List<Run> runs) {
        if (runs.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## What each contestant did to the org\n\n"
                + "The same org (10% stuck, 10% with a live agent, the rest healthy guests waiting less than maxWait) and "
                + "budget for each: what a contestant ends besides the stuck is harm a customer or an agent notices.\n\n"
                + "| size | budget/min | contestant | stuck ended | healthy guests ended | live agents ended | 409s | lingering |\n"
                + "|---:|---:|---|---:|---:|---:|---:|---:|\n");
        for (Run r : runs) {
            SandboxProbe.Tally t = r.tally();
            md.append(String.format(Locale.ROOT, "| %,d | %,d | %s | %d / %d | %d | %d | %d | %d |%n", r.size(), r.budget(), r.label(),
                    t.stuckEnded(), t.stuckEnded() + t.stuckLeft(), t.healthyEnded(), t.liveEnded(), t.status409(), t.lingering()));
        }
        return md.append('\n').toString();
    }

    private static final String MEASURED_APART = "\n<!-- Below: quoted from scale.md, lag.md and service.md, requoted whenever one is written. -->\n";

    /** Quotes scale.md and service.md again in results.md, after one of them was measured anew. */
    static void requote(Path folder) throws java.io.IOException {
        Path results = folder.resolve("results.md");
        if (!Files.exists(results)) {
            return;
        }
        String text = Files.readString(results);
        int at = text.indexOf("\n<!-- Below: quoted from ");
        String kept = at < 0 ? text.stripTrailing() + "\n" : text.substring(0, at);
        Files.writeString(results, kept + MEASURED_APART + measuredApart(folder));
    }

    /**
     * The measurements other commands write (bench/run --scale, bench/run-service), quoted here so one
     * file holds every result; each keeps its own file, which its command regenerates.
     */
    static String measuredApart(Path folder) throws java.io.IOException {
        StringBuilder md = new StringBuilder();
        for (String[] apart : new String[][] {{"scale.md", "bench/run --scale"}, {"lag.md", "bench/run --lag"}, {"service.md", "bench/run-service"}}) {
            Path file = folder.resolve(apart[0]);
            if (!Files.exists(file)) {
                continue;
            }
            String text = Files.readString(file).strip();
            String title = text.lines().findFirst().orElse("").replaceFirst("^#+\\s*", "");
            String body = text.substring(text.indexOf('\n') + 1).replaceAll("(?m)^## ", "### ");
            md.append("\n## ").append(title).append("\n\nFrom [").append(apart[0]).append("](").append(apart[0]).append("), written by `")
                    .append(apart[1]).append("`.\n").append(body).append('\n');
        }
        return md.toString();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** One panel per budget: stuck guests cleared per minute by size, a bar per contestant, and unstuck's budget bound as a grey bar. */
    private static void chart(Path file, List<Run> runs) throws IOException {
        Set<Integer> budgets = new TreeSet<>();
        Set<String> contestants = new LinkedHashSet<>();
        for (Run r : runs) {
            budgets.add(r.budget());
            contestants.add(r.contestant());
        }
        List<CategoryChart> panels = new ArrayList<>();
        for (int budget : budgets) {
            List<Run> atBudget = runs.stream().filter(r -> r.budget() == budget).toList();
            List<String> sizes = atBudget.stream().map(Report::size).distinct().toList();
            CategoryChart chart = new CategoryChartBuilder().width(640).height(480)
                    .title(String.format(Locale.ROOT, "Stuck guests cleared per minute at %,d requests/min", budget))
                    .xAxisTitle("active conversations (10% stuck)").yAxisTitle("stuck conversations ended per minute").build();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal)
                    .setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            chart.getStyler().setLabelsVisible(true).setLabelsRotation(90).setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11))
                    .setYAxisDecimalPattern("#,##0").setYAxisMin(0.0);
            for (String contestant : contestants) {
                chart.addSeries(contestant, sizes, perSize(atBudget, sizes, contestant, Run::stuckEndedPerMinute))
                        .setFillColor(color(contestant));
            }
            chart.addSeries("budget bound (unstuck)", sizes, perSize(atBudget, sizes, "unstuck", Run::budgetBound))
                    .setFillColor(new Color(190, 190, 190));
            panels.add(chart);
        }
        BitmapEncoder.saveBitmap(panels, 1, panels.size(), file.toString().replaceFirst("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    }

    private static Color color(String contestant) {
        return switch (contestant) {
            case "unstuck" -> new Color(31, 119, 180);
            case "field-script" -> new Color(255, 127, 14);
            case "field-script-pool" -> new Color(214, 39, 40);
            default -> new Color(148, 103, 189);
        };
    }

    private static List<Double> perSize(List<Run> runs, List<String> sizes, String contestant, ToDoubleFunction<Run> value) {
        List<Double> values = new ArrayList<>();
        for (String size : sizes) {
            values.add(runs.stream().filter(r -> r.contestant().equals(contestant) && size(r).equals(size))
                    .mapToDouble(value).findFirst().orElse(0));
        }
        return values;
    }

    private static String size(Run r) {
        return r.size() >= 1000 && r.size() % 1000 == 0 ? r.size() / 1000 + "k" : String.valueOf(r.size());
    }
}
