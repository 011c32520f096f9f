package dev.unstuck.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The bench's output: a Markdown table and a PNG chart in bench/results/. */
final class Report {
    private Report() {}

    static void write(Path folder, String machine, List<Run> runs, List<Throughput.Result> throughput) throws IOException {
        Files.createDirectories(folder);
        StringBuilder md = new StringBuilder();
        md.append("# unstuck bench\n\n").append(machine).append("\n\n");
        md.append("Each run loads a fresh sandbox org (10% stuck: waiting long, looping, orphaned; 10% with a live agent "
                + "open as long; the rest young) and lets one contestant clear it at the given budget (the sandbox's "
                + "per-token limit, and unstuck's client-side budget). `ended/min` counts every conversation ended; "
                + "the budget bound is budget / calls per ended conversation.\n\n");
        md.append("| size | budget/min | contestant | wall | stuck ended | ended/min | budget bound | % of bound | calls/ended "
                + "| 429s | 409s | lingering | live agents ended | healthy ended | peak RSS |\n");
        md.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Run r : runs) {
            SandboxProbe.Tally t = r.tally();
            md.append(String.format(Locale.ROOT, "| %,d | %,d | %s | %.1f s | %d / %d | %.1f | %.1f | %.0f%% | %.2f | %d | %d | %d | %d | %d | %d MiB |%n",
                    r.size(), r.budget(), r.contestant(), r.wall().toMillis() / 1000.0, t.stuckEnded(), t.stuckEnded() + t.stuckLeft(),
                    r.endedPerMinute(), r.budgetBound(), 100 * r.shareOfBound(), r.callsPerEnded(), t.status429(), t.status409(),
                    t.lingering(), t.liveEnded(), t.healthyEnded(), r.peakRssKib() / 1024));
        }
        if (!throughput.isEmpty()) {
            md.append("\n## The sandbox's own throughput\n\nGET conversation, a pool of clients, same machine, same run; "
                    + "WireMock answers the same body from a static stub.\n\n| server | clients | requests/s | errors |\n|---|---:|---:|---:|\n");
            for (Throughput.Result t : throughput) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %d |%n", t.server(), t.clients(), t.requestsPerSecond(), t.errors()));
            }
        }
        md.append("\n![ended per minute against the budget bound](chart.png)\n");
        Files.writeString(folder.resolve("results.md"), md.toString());
        chart(folder.resolve("chart.png"), runs);
    }

    private static void chart(Path file, List<Run> runs) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(520)
                .title("Conversations ended per minute (bars) against the budget bound of unstuck (line of bars 'bound')")
                .xAxisTitle("size @ budget per minute").yAxisTitle("ended per minute").build();
        Set<String> categories = new LinkedHashSet<>();
        Set<String> contestants = new LinkedHashSet<>();
        for (Run r : runs) {
            categories.add(label(r));
            contestants.add(r.contestant());
        }
        for (String contestant : contestants) {
            List<Double> values = new ArrayList<>();
            for (String category : categories) {
                values.add(runs.stream().filter(r -> r.contestant().equals(contestant) && label(r).equals(category))
                        .mapToDouble(Run::endedPerMinute).findFirst().orElse(0));
            }
            chart.addSeries(contestant, new ArrayList<>(categories), values);
        }
        List<Double> bound = new ArrayList<>();
        for (String category : categories) {
            bound.add(runs.stream().filter(r -> r.contestant().equals("unstuck") && label(r).equals(category))
                    .mapToDouble(Run::budgetBound).findFirst().orElse(0));
        }
        chart.addSeries("bound (unstuck)", new ArrayList<>(categories), bound);
        BitmapEncoder.saveBitmap(chart, file.toString().replaceFirst("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    }

    private static String label(Run r) {
        return (r.size() >= 1000 ? r.size() / 1000 + "k" : String.valueOf(r.size())) + " @ " + r.budget();
    }
}
