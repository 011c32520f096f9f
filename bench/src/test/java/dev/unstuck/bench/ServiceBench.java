package dev.unstuck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.app.service.Service;
import dev.unstuck.app.store.ApiTokens;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditLocation;
import dev.unstuck.app.store.SharedConnection;
import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysOrg;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;
import dev.unstuck.sandbox.client.SandboxClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/run-service: what {@code unstuck serve} adds over the Genesys calls themselves, and what it
 * costs in memory. (1) Latency: 50 callers end stuck conversations over the API at once; each answer's
 * latency beside the engine's own time for it (its Genesys calls, looks and audit writes), so the
 * service's share is the difference. (2) Memory: {@code serve} started by the {@code ./unstuck} launcher (its
 * default JVM options; {@code --java-opts A,B} sets UNSTUCK_JAVA_OPTS) watching 10,000 open guests; resident memory (VmRSS) once the watch follows all of them, and how long that took.
 * Writes bench/results/service.md.
 */
public final class ServiceBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("on http://[^:]+:(\\d+)");

    private ServiceBench() {
    }

    /**
     * @param machine the cores and the load average when the measured part began, @param loadAfter the
     *     load average when it ended, @param perSecond endings answered a second, @param cpuMsPerEnding
     *     this process's CPU time (callers, sandbox and service together) per ending: the figure the
     *     machine's other load changes least
     */
    record Latency(int callers, int requests, long intervalMs, double p50, double p99, double engineP50, double engineP99, double addedP50,
                   double addedP99, String machine, String loadAfter, double perSecond, double cpuMsPerEnding) {
    }

    record Memory(int guests, boolean followedAll, double secondsToFollow, long rssKb, long peakKb, long liveHeapBytes, String heap) {
    }

    public static void main(String[] raw) throws Exception {
        List<String> args = Bench.words(raw);
        String only = Bench.option(args, "--only", "both");
        int callers = Integer.parseInt(Bench.option(args, "--callers", "50"));
        int requests = Integer.parseInt(Bench.option(args, "--requests", "2000"));
        long interval = Long.parseLong(Bench.option(args, "--interval", "2000"));
        int guests = Integer.parseInt(Bench.option(args, "--watch-guests", "10000"));
        String heap = Bench.option(args, "--java-opts", "").replace(',', ' ');
        Path out = Path.of(Bench.option(args, "--out", "results"));
        Files.createDirectories(out);
        Path file = out.resolve("service.md");
        if (!only.equals("both")) {
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("--only " + only + " keeps the other part of " + file + ", which does not exist yet");
            }
            String section = switch (only) {
                case "memory" -> memorySection(print(memory(guests, heap, out)));
                case "latency" -> latencySection(print(latency(callers, requests, 0)), print(latency(callers, requests / 2, interval)));
                default -> throw new IllegalArgumentException("--only takes latency or memory, not " + only);
            };
            Files.writeString(file, replacing(Files.readString(file), section));
            Report.requote(out);
            System.out.println("wrote " + file);
            return;
        }
        Latency latency = print(latency(callers, requests, 0));
        Latency paced = print(latency(callers, requests / 2, interval));
        Memory memory = print(memory(guests, heap, out));
        Files.writeString(file, report(latency, paced, memory));
        Report.requote(out);
        System.out.println("wrote " + out.resolve("service.md"));
    }

    private static <T> T print(T result) {
        System.out.println(result);
        return result;
    }

    static String scenario(int stuck, int young) {
        ObjectNode root = BenchScenario.org(1_000_000);
        ArrayNode list = root.putArray("guests");
        if (stuck > 0) {
            BenchScenario.add(list, "stuck", "waiting", "Support", 4000, stuck, null);
        }
        if (young > 0) {
            BenchScenario.add(list, "young", "waiting", "Support", 60, young, null);
        }
        return root.toString();
    }

    /**
     * @param intervalMs 0: each caller sends its next request as soon as it has its answer (the service
     *     saturated); otherwise each caller starts a request every {@code intervalMs} (an offered load of
     *     callers / interval, below what the machine can serve, so "added" is the service's own cost)
     */
    static Latency latency(int callers, int requests, long intervalMs) throws Exception {
        Path home = Files.createTempDirectory("unstuck-service-bench");
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.REAL)
                .withScenario(scenario(requests + 200, 0)));
             AuditDatabase db = AuditDatabase.open(AuditLocation.parse(home.resolve("audit.db").toString()))) {
            GenesysOrg target = new GenesysOrg("bench", Region.parse(sandbox.baseUri().toString()),
                    new Credentials(BenchScenario.CLIENT_ID, BenchScenario.SECRET), ClientSettings.defaults().withRequestsPerMinute(1_000_000));
            Service service = Service.start(Service.Settings.defaults().withPort(0).withHost("127.0.0.1").withWatch(false,
                    dev.unstuck.core.detect.Watch.Settings.defaults()), List.of(target), Service.Policies.defaults(), db,
                    Clock.systemUTC());
            String token;
            try (SharedConnection c = SharedConnection.open(db.location())) {
                token = new ApiTokens(c).create("bench", "operator", "bench", Instant.now());
            }
            ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>(stuckIds(sandbox.baseUri()));
            ExecutorService callersPool = Executors.newFixedThreadPool(callers);
            HttpClient http = HttpClient.newBuilder().executor(callersPool).build();
            // Warm-up: the JIT and the connection pool, not measured.
            run(http, service.port(), token, ids, callers, 200, 0, new ArrayList<>(), new ArrayList<>());
            List<Double> total = Collections.synchronizedList(new ArrayList<>());
            List<Double> engine = Collections.synchronizedList(new ArrayList<>());
            String machine = Bench.machine();
            long cpuBefore = processCpuNanos();
            long wallBefore = System.nanoTime();
            run(http, service.port(), token, ids, callers, requests, intervalMs, total, engine);
            double seconds = (System.nanoTime() - wallBefore) / 1e9;
            double cpuMs = (processCpuNanos() - cpuBefore) / 1e6;
            String loadAfter = loadAverage();
            service.close();
            callersPool.shutdown(); // its threads would keep the JVM (and bench/run-service) alive after the report
            List<Double> added = new ArrayList<>();
            for (int i = 0; i < total.size(); i++) {
                added.add(total.get(i) - engine.get(i));
            }
            return new Latency(callers, total.size(), intervalMs, pct(total, 50), pct(total, 99), pct(engine, 50), pct(engine, 99), pct(added, 50),
                    pct(added, 99), machine, loadAfter, total.size() / seconds, cpuMs / total.size());
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void run(HttpClient http, int port, String token, ConcurrentLinkedQueue<String> ids, int callers, int requests,
                            long intervalMs, List<Double> total, List<Double> engine) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<?>> work = new ArrayList<>();
        int each = requests / callers;
        for (int c = 0; c < callers; c++) {
            long offset = intervalMs * c / callers; // paced callers start spread over one interval, not all at once
            work.add(pool.submit(() -> {
                long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(offset);
                for (int i = 0; i < each; i++) {
                    if (intervalMs > 0) {
                        // A fixed schedule, not a pause after each answer: a slow answer does not lower the load offered.
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        due += TimeUnit.MILLISECONDS.toNanos(intervalMs);
                    }
                    String id = ids.poll();
                    if (id == null) {
                        return null;
                    }
                    long start = System.nanoTime();
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                    + "/api/v1/orgs/bench/conversations/" + id + "/end")).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"bench\"}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    double ms = (System.nanoTime() - start) / 1e6;
                    JsonNode body = JSON.readTree(answer.body());
                    if (answer.statusCode() != 200 || !body.path("outcome").asText().equals("ended")) {
                        throw new IllegalStateException("not ended: " + answer.statusCode() + " " + answer.body());
                    }
                    synchronized (total) {
                        total.add(ms);
                        engine.add(body.path("tookMs").asDouble());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    static Memory memory(int guests, String heap, Path out) throws Exception {
        Path home = Files.createTempDirectory("unstuck-service-bench");
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.REAL)
                .withScenario(ScaleBench.watchOrg(guests)))) {
            Path config = home.resolve("config.yaml");
            Files.writeString(config, """
                    orgs:
                      bench: {region: "%s", clientId: %s, clientSecret: %s, requestsPerMinute: 3000}
                    detection:
                      maxWait: 2h
                    audit:
                      db: %s
                    """.formatted(sandbox.baseUri(), BenchScenario.CLIENT_ID, BenchScenario.SECRET, home.resolve("audit.db")));
            String token = createToken(home, config);
            Instant start = Instant.now();
            try (Launched serve = Launched.start(Optional.of(heap), "serve", "--config", config.toString(), "--port", "0", "--host", "127.0.0.1")) {
                List<String> lines = serve.lines();
                int port = -1;
                while (port < 0 && Duration.between(start, Instant.now()).toSeconds() < 60) {
                    for (String line : lines) {
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            port = Integer.parseInt(m.group(1));
                        }
                    }
                    Thread.sleep(200);
                }
                HttpClient http = HttpClient.newHttpClient();
                boolean all = false;
                while (!all && Duration.between(start, Instant.now()).toSeconds() < 180) {
                    Thread.sleep(500);
                    if (port < 0) {
                        continue;
                    }
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/orgs/bench/queues")).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                    int waiting = 0;
                    for (JsonNode q : JSON.readTree(answer.body()).path("queues")) {
                        waiting += q.path("waiting").asInt();
                    }
                    all = waiting >= guests;
                }
                double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                if (!all) {
                    lines.stream().skip(Math.max(0, lines.size() - 40)).forEach(l -> System.out.println("serve: " + l));
                }
                Thread.sleep(5_000); // let the first collections after the scan settle before reading RSS
                long rss = serve.statusKib("VmRSS:");
                long peak = serve.statusKib("VmHWM:");
                long live = serve.liveHeapBytes(out.resolve("serve-histogram.txt"));
                return new Memory(guests, all, seconds, rss, peak, live, heap);
            }
        }
    }

    private static List<String> stuckIds(URI sandbox) {
        return new SandboxClient(sandbox).conversations().stream().filter(g -> g.label().startsWith("stuck")).map(SandboxClient.Guest::id)
                .toList();
    }

    private static String createToken(Path home, Path config) throws Exception {
        try (AuditDatabase db = AuditDatabase.open(AuditLocation.parse(home.resolve("audit.db").toString()));
             SharedConnection c = SharedConnection.open(db.location())) {
            return new ApiTokens(c).create("bench", "viewer", "bench", Instant.now());
        }
    }

    static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static String report(Latency l, Latency paced, Memory m) {
        return """
                # unstuck serve: latency and memory

                Run it again: `bench/run-service` (`--callers 50 --requests 2000 --interval 2000 --watch-guests 10000`, `--java-opts A,B` for UNSTUCK_JAVA_OPTS;
                `--only latency` or `--only memory` reruns one part and keeps the other's section).

                """ + latencySection(l, paced) + "\n" + memorySection(m);
    }

    static String latencySection(Latency l, Latency paced) {
        return latencySection(l) + """

                ### At an ordinary load: %d callers, each starting a request every %d ms

                Measured right after, the same way, %d endings, each caller on a fixed schedule (%.1f requests a second
                offered, a quarter or less of the %.1f a second the machine served above), so answers seldom wait for a
                core and "added" is the service's own cost. Load average %s at the end.

                | | p50 (ms) | p99 (ms) |
                |---|---:|---:|
                | answer, as the caller sees it | %.1f | %.1f |
                | engine (Genesys calls, looks, audit) | %.1f | %.1f |
                | added by the service | %.1f | %.1f |
                """.formatted(paced.callers(), paced.intervalMs(), paced.requests(), paced.callers() * 1000.0 / paced.intervalMs(),
                l.perSecond(), paced.loadAfter(), paced.p50(), paced.p99(), paced.engineP50(), paced.engineP99(), paced.addedP50(),
                paced.addedP99());
    }

    private static String latencySection(Latency l) {
        return """
                ## Latency the service adds (50 concurrent callers)

                Measured %s (%s, %s at the end; Java %s), against the sandbox in the same process. %d callers ended %d
                stuck conversations at once through `POST /api/v1/orgs/{org}/conversations/{id}/end` (each a waiting guest:
                look, two PATCHes, verify, audit), each caller sending its next request as soon as it has its answer. "Engine"
                is the ending's own time as its outcome reports it (`tookMs`: the Genesys calls, the looks and the audit
                writes); "added" is the rest: HTTP, the token check, the JSON.

                | | p50 (ms) | p99 (ms) |
                |---|---:|---:|
                | answer, as the caller sees it | %.1f | %.1f |
                | engine (Genesys calls, looks, audit) | %.1f | %.1f |
                | added by the service | %.1f | %.1f |

                %.1f endings a second; %.1f ms of CPU per ending for the whole process (callers, sandbox and service
                together): with every caller always waiting for an answer, an answer takes about callers / throughput
                (Little's law), so on 2 cores the figures above are mostly time spent waiting for a core. Where the
                time went, with the JFR profiles before and after the journal's group commit: service-profile.md.
                """.formatted(LocalDate.now(), l.machine(), "load average " + l.loadAfter(), System.getProperty("java.version"),
                l.callers(), l.requests(), l.p50(), l.p99(), l.engineP50(), l.engineP99(), l.addedP50(), l.addedP99(), l.perSecond(),
                l.cpuMsPerEnding());
    }

    static String memorySection(Memory m) {
        return """
                ## Memory of `serve` watching %,d guests

                Measured %s (%s, Java %s). `serve` started by the `./unstuck` launcher (%s), one org, %,d open guests waiting
                ten minutes in ten queues, all arrived in the same minute: old enough for the watch's scans, none old enough
                to end (the org `bench/run --scale` gives `watch`). The clock starts when the process starts; "followed"
                means `GET /api/v1/orgs/{org}/queues` counts every guest as waiting. Resident memory (VmRSS) is read 5 s
                after that, then the live heap after a full collection (`jcmd GC.class_histogram`, kept in
                serve-histogram.txt beside this file).

                | followed all | seconds from start until the watch followed all | resident memory (VmRSS) | peak (VmHWM) | live heap |
                |---|---:|---:|---:|---:|
                | %s | %.1f | %,d MiB | %,d MiB | %.1f MiB |

                Target: resident memory <= 256 MB.
                """.formatted(m.guests(), LocalDate.now(), Bench.machine(), System.getProperty("java.version"),
                m.heap().isBlank() ? "its default JVM options, no flag from the user" : "`UNSTUCK_JAVA_OPTS=" + m.heap() + "`", m.guests(),
                m.followedAll() ? "yes" : "NO", m.secondsToFollow(), m.rssKb() / 1024, m.peakKb() / 1024, m.liveHeapBytes() / 1048576.0);
    }

    /** The report with one part measured again and the other part's section kept from {@code previous}. */
    static String replacing(String previous, String section) {
        String heading = section.substring(0, section.indexOf('\n'));
        int from = previous.indexOf(heading.substring(0, heading.indexOf(' ', 4)));
        if (from < 0) {
            return previous + "\n" + section;
        }
        int to = previous.indexOf("\n## ", from + 1);
        return previous.substring(0, from) + section + (to < 0 ? "" : previous.substring(to));
    }
}
