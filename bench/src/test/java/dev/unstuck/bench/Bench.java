package dev.unstuck.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;
import dev.unstuck.sandbox.junit.ChildProcess;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * bench/run: every contestant on every chosen size and budget (the races at 300 requests a minute or
 * less side by side, each on a sandbox of its own; the others one after another on one sandbox), then
 * watch mode's latency, then the sandbox's own throughput beside a WireMock stub; writes
 * bench/results/results.md and chart.png.
 *
 * <p>Options: {@code --runs 1000@300,20000@3000} (size@budget pairs) or {@code --sizes 1000,5000,20000
 * --budgets 300,3000} (every size at every budget; {@code --quick} is size 1000 only), {@code --contestants
 * unstuck,field-script,field-script-pool}, {@code --watch-guests 200 --watch-budget 3000} (0 guests: no watch
 * measurement), {@code --throughput-seconds 10} (0: none), {@code --out results}. {@code --scale}: issue
 * 14's org instead ({@link ScaleBench}); {@code --watch-drain}: the watch draining one busy queue ({@link WatchDrainBench}).
 */
public final class Bench {
    /** How long a side-by-side race is left alone after it starts working, before the next one starts. */
    private static final Duration FIRST_CALLS = Duration.ofSeconds(3);
    private Bench() {}

    public static void main(String[] raw) throws Exception {
        List<String> args = words(raw);
        if (args.contains("--lag")) {
            LagBench.run(args, Path.of(option(args, "--out", "results")));
            return;
        }
        if (args.contains("--scale")) {
            ScaleBench.run(args, Path.of(option(args, "--out", "results")));
            return;
        }
        if (args.contains("--watch-drain")) {
            WatchDrainBench.run(args, Path.of(option(args, "--out", "results")));
            return;
        }
        List<BenchScenario> plan = plan(args);
        List<String> contestants = List.of(option(args, "--contestants", "unstuck,field-script,field-script-pool").split(","));
        int watchGuests = Integer.parseInt(option(args, "--watch-guests", "200"));
        int watchBudget = Integer.parseInt(option(args, "--watch-budget", "3000"));
        int throughputSeconds = Integer.parseInt(option(args, "--throughput-seconds", "10"));
        Path out = Path.of(option(args, "--out", "results"));
        // A field script on a big org runs for as long as its calls take at the budget (40 minutes for 20k at 300/min);
        // --quick stops it after 90 s, and the report says how far it got.
        Duration fieldCap = Duration.ofSeconds(Long.parseLong(option(args, "--field-cap", args.contains("--quick") ? "90" : "0")));

        List<Run> runs = new ArrayList<>();
        List<WatchLatency.Result> watch = new ArrayList<>();
        List<Throughput.Result> throughput = new ArrayList<>();
        List<Race> races = new ArrayList<>();
        for (BenchScenario scenario : plan) {
            for (String contestant : contestants) {
                races.add(new Race(scenario, contestant));
            }
        }
        // --quick runs every race side by side: at 1,000 conversations the sandbox's per-token limit paces the
        // field scripts at 3,000/min too, and unstuck paces itself, so none takes much CPU from another.
        boolean quick = args.contains("--quick");
        Map<Race, Run> done = new HashMap<>(sideBySide(races.stream().filter(r -> quick || r.paced()).toList(), fieldCap));
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.REAL))) {
            SandboxProbe probe = new SandboxProbe(sandbox.baseUri());
            for (Race r : races) {
                if (!done.containsKey(r)) {
                    done.put(r, report(r, race(probe, sandbox.baseUri(), r.scenario(), r.contestant(), () -> {}, fieldCap)));
                }
            }
            races.forEach(r -> runs.add(done.get(r)));
            if (watchGuests > 0) {
                WatchLatency.Result result = WatchLatency.measure(probe, sandbox.baseUri(), new WatchScenario(watchGuests, watchBudget));
                System.out.println("watch: " + result);
                watch.add(result);
            }
            if (throughputSeconds > 0) {
                throughput.addAll(throughput(probe, sandbox.baseUri(), Duration.ofSeconds(throughputSeconds)));
            }
        }
        String machine = "Measured " + LocalDate.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu() + "), "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB max heap for the sandbox's JVM, Java "
                + System.getProperty("java.version") + " (" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ").";
        Report.write(out, machine, String.join(" ", args), runs, watch, throughput);
        System.out.println("wrote " + out.toAbsolutePath().resolve("results.md") + " and chart.png");
    }

    /**
     * The size@budget pairs to race, in order: {@code --runs 1000@300,20000@3000} as given; otherwise
     * every size of {@code --sizes} at every budget of {@code --budgets} ({@code --quick}: 1000 only).
     */
    static List<BenchScenario> plan(List<String> args) {
        String runs = option(args, "--runs", "");
        List<BenchScenario> plan = new ArrayList<>();
        if (!runs.isBlank()) {
            for (String pair : runs.split(",")) {
                String[] sizeAtBudget = pair.trim().split("@");
                if (sizeAtBudget.length != 2) {
                    throw new IllegalArgumentException("--runs takes size@budget pairs, e.g. 1000@300,5000@3000; not " + pair);
                }
                plan.add(new BenchScenario(Integer.parseInt(sizeAtBudget[0].trim()), Integer.parseInt(sizeAtBudget[1].trim())));
            }
            return plan;
        }
        boolean quick = args.contains("--quick");
        for (int size : ints(option(args, "--sizes", quick ? "1000" : "1000,5000,20000"))) {
            for (int budget : ints(option(args, "--budgets", "300,3000"))) {
                plan.add(new BenchScenario(size, budget));
            }
        }
        return plan;
    }

    /** One contestant on one scenario. */
    record Race(BenchScenario scenario, String contestant) {
        /**
         * Whether the budget, not the machine, sets this race's pace: at 300 requests a minute or less every
         * contestant spends most of its time waiting for permits or Retry-After, so these races can run side
         * by side (each on a sandbox of its own) without taking CPU from one another; 20k at 300/min alone
         * is some 40 minutes a field script.
         */
        boolean paced() {
            return scenario.budgetPerMinute() <= 300;
        }
    }

    /** Runs the paced races at once, each on a fresh sandbox of its own. */
    private static Map<Race, Run> sideBySide(List<Race> races, Duration fieldCap) throws Exception {
        if (races.isEmpty()) {
            return Map.of();
        }
        ExecutorService together = Executors.newFixedThreadPool(races.size());
        try {
            Map<Race, Future<Run>> running = new LinkedHashMap<>();
            // Largest first, one start at a time: a race starts once the one before it is working and past its
            // first calls, so no contestant's start-up (cold JVM, token, first analytics page) meets another's,
            // nor a sandbox loading 20,000 conversations.
            List<Race> largestFirst = new ArrayList<>(races);
            largestFirst.sort(Comparator.comparingInt((Race r) -> r.scenario().size()).reversed());
            for (Race r : largestFirst) {
                CountDownLatch working = new CountDownLatch(1);
                running.put(r, together.submit(() -> {
                    try (Sandbox own = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.REAL))) {
                        return report(r, race(new SandboxProbe(own.baseUri()), own.baseUri(), r.scenario(), r.contestant(), working::countDown,
                                fieldCap));
                    } finally {
                        working.countDown();
                    }
                }));
                working.await();
                Thread.sleep(FIRST_CALLS.toMillis());
            }
            Map<Race, Run> done = new HashMap<>();
            for (Map.Entry<Race, Future<Run>> e : running.entrySet()) {
                done.put(e.getKey(), e.getValue().get());
            }
            return done;
        } finally {
            together.shutdownNow();
        }
    }

    private static Run report(Race r, Run run) {
        System.out.printf("%-18s size %6d budget %5d: %s%n", r.contestant(), r.scenario().size(), r.scenario().budgetPerMinute(), run);
        return run;
    }

    /**
     * Loads the scenario, runs the contestant in a JVM of its own and tallies what the sandbox saw;
     * {@code working} runs when the contestant says it has started its work.
     */
    static Run race(SandboxProbe probe, URI base, BenchScenario scenario, String contestant, Runnable working) throws Exception {
        return race(probe, base, scenario, contestant, working, Duration.ZERO);
    }

    /** The same, a field script stopping after {@code fieldCap} (zero: when it is done). */
    static Run race(SandboxProbe probe, URI base, BenchScenario scenario, String contestant, Runnable working, Duration fieldCap)
            throws Exception {
        String tag = "  [" + contestant + " " + scenario.size() + "@" + scenario.budgetPerMinute() + "] ";
        probe.load(scenario.json());
        Instant olderThan = Instant.now().minusSeconds(BenchScenario.MAX_WAIT_SECONDS);
        ChildProcess.Spec child = ChildProcess.java(Contestant.class.getName()).jvmOptions(List.of("-Xmx1g"))
                .args(List.of(contestant, base.toString(), String.valueOf(scenario.budgetPerMinute()), olderThan.toString(),
                        String.valueOf(fieldCap.toSeconds())))
                .onLine(line -> {
                    if (line.equals(Contestant.WORKING)) {
                        working.run();
                    } else if (!line.startsWith("result ") && !line.isBlank()) {
                        System.out.println(tag + line);
                    }
                });
        RequestLedger requests = new RequestLedger(probe);
        ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-request-log");
            t.setDaemon(true);
            return t;
        });
        reader.scheduleWithFixedDelay(() -> {
            try {
                requests.read();
            } catch (RuntimeException e) {
                System.out.println("  [bench] could not read the request log: " + e.getMessage());
            }
        }, 10, 10, TimeUnit.SECONDS);
        long started = System.nanoTime();
        List<String> lines;
        int exit = -1;
        try (ChildProcess process = child.start()) {
            // A race runs as long as its budget makes it (40 minutes at the most in the matrix).
            if (process.waitFor(Duration.ofDays(1))) {
                exit = process.exitValue();
            }
            lines = process.lines();
        }
        Duration processTime = Duration.ofNanos(System.nanoTime() - started);
        int wentAfter = -1;
        boolean capped = false;
        long rss = -1;
        Duration elapsed = null;
        for (String line : lines) {
            if (line.startsWith("result ")) {
                String[] parts = line.split(" ");
                wentAfter = Integer.parseInt(parts[1]);
                rss = Long.parseLong(parts[2]);
                elapsed = Duration.ofMillis(Long.parseLong(parts[3]));
                capped = parts.length > 4 && parts[4].equals("capped");
            }
        }
        reader.shutdown();
        reader.awaitTermination(1, TimeUnit.MINUTES);
        if (exit != 0 || elapsed == null) {
            System.out.println(tag + "exited " + exit + (elapsed == null ? " without a result line" : ""));
        }
        return new Run(scenario.size(), scenario.budgetPerMinute(), contestant, elapsed == null ? processTime : elapsed, processTime, wentAfter,
                rss, probe.tally(requests), capped);
    }

    private static List<Throughput.Result> throughput(SandboxProbe probe, URI base, Duration duration) throws Exception {
        probe.load(new BenchScenario(1000, 100_000_000).json());
        String token = probe.token(BenchScenario.CLIENT_ID, BenchScenario.SECRET);
        String path = "/api/v2/conversations/messages/" + probe.control().conversations().get(0).id();
        String body = probe.body(path, token);
        List<Throughput.Result> results = new ArrayList<>();
        WireMockServer stub = Throughput.stub(body);
        try {
            for (int clients : new int[] {8}) {
                results.add(Throughput.measure("unstuck sandbox", base, path, token, clients, duration));
                results.add(Throughput.measure("WireMock static stub", URI.create(stub.baseUrl()), path, token, clients, duration));
            }
        } finally {
            stub.stop();
        }
        return results;
    }

    /**
     * The machine as a results file names it: cores, processor and the load when the run started (the
     * machine may be shared: resident memory holds under load, wall times do not).
     */
    static String machine() {
        String load = "unknown";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu() + "), load average " + load + " at the start";
    }

    /** The processor's model name, as Linux tells it; "unknown CPU" elsewhere. */
    static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: say so below
        }
        return "unknown CPU";
    }

    /** The options as words: the exec plugin passes {@code bench.args} as one string. */
    static List<String> words(String[] raw) {
        List<String> args = new ArrayList<>();
        for (String a : raw) {
            args.addAll(Arrays.asList(a.trim().split("\\s+")));
        }
        args.removeIf(String::isBlank);
        return args;
    }

    /** The value after {@code name}, else the fallback. */
    static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }
}
