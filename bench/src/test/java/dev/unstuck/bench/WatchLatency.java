package dev.unstuck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.QueuePolicy;
import dev.unstuck.core.detect.Watch;
import dev.unstuck.core.detect.WatchListener;
import dev.unstuck.core.engine.AuditSink;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.Region;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watch mode's latency: unstuck's {@link Watch} runs on a {@link WatchScenario} at a budget until every
 * crossing guest is ended (or a bounded time passes); then, per guest, latency = the {@code acd} leg's
 * end − (its start + maxWait), read from the conversation API as any client would see it.
 *
 * <p>The engine runs with {@link EnginePolicy#lean()}, as {@code unstuck watch} does (look, the queue leg,
 * the customer leg; the stream's next event shows the end, so no verifying read).
 */
final class WatchLatency {
    static final String ENGINE = "lean (as unstuck watch)";
    /** How long after the last crossing the bench waits for the watch before it gives up. */
    private static final Duration GRACE = Duration.ofSeconds(60);

    private WatchLatency() {}

    /**
     * @param ready how long the watch took from start to connected and scanned (the first guest crosses later)
     * @param latencies per ended crossing guest, from threshold crossing to queue leg gone, ascending
     * @param notEnded crossing guests still waiting when the bench stopped the watch
     * @param tally what the sandbox saw (the bench's own reads of the legs are not in it)
     */
    record Result(WatchScenario scenario, String engine, Duration ready, List<Duration> latencies, int notEnded, int handled,
                  SandboxProbe.Tally tally) {

        Duration percentile(double share) {
            if (latencies.isEmpty()) {
                return Duration.ZERO;
            }
            int rank = (int) Math.ceil(share * latencies.size());
            return latencies.get(Math.max(0, rank - 1));
        }

        Duration max() {
            return latencies.isEmpty() ? Duration.ZERO : latencies.get(latencies.size() - 1);
        }

        int wronglyEnded() {
            return tally.liveEnded() + tally.healthyEnded();
        }
    }

    static Result measure(SandboxProbe probe, URI base, WatchScenario scenario) throws Exception {
        probe.load(scenario.json());
        Instant loaded = Instant.now();
        GenesysClient client = GenesysClient.create(Region.parse(base.toString()), new Credentials(BenchScenario.CLIENT_ID, BenchScenario.SECRET),
                ClientSettings.defaults().withRequestsPerMinute(scenario.budgetPerMinute()));
        Engine engine = new Engine(client, AuditSink.NONE, EnginePolicy.lean());
        Policy policy = Policy.of(QueuePolicy.defaults().withMaxWait(Duration.ofSeconds(WatchScenario.MAX_WAIT_SECONDS))
                .withMinAge(Duration.ofSeconds(30))).withLimit(1_000_000);
        Progress progress = new Progress();
        Watch watch = new Watch(client, engine, Clock.systemUTC(), policy, Watch.Settings.defaults(),
                new EndRequest(false, false, "bench: watch latency", "bench"), progress);
        Thread thread = new Thread(watch::run, "bench-watch");
        progress.started = System.nanoTime();
        thread.start();
        try {
            Instant deadline = loaded.plusSeconds(WatchScenario.LEAD_SECONDS + WatchScenario.SPREAD_SECONDS).plus(GRACE);
            while (Instant.now().isBefore(deadline)) {
                if (crossingLeft(probe) == 0) {
                    break;
                }
                Thread.sleep(1000);
            }
        } finally {
            watch.stop();
            thread.join(30_000);
        }
        for (String trouble : progress.troubles) {
            System.out.println("  [watch] trouble: " + trouble);
        }
        SandboxProbe.Tally tally = probe.tally();
        String token = probe.token(BenchScenario.CLIENT_ID, BenchScenario.SECRET);
        List<Duration> latencies = new ArrayList<>();
        int notEnded = 0;
        for (SandboxClient.Guest c : probe.control().conversations()) {
            if (c.label().startsWith(WatchScenario.CROSSING)) {
                Optional<Duration> latency = latency(probe.get("/api/v2/conversations/messages/" + c.id(), token));
                latency.ifPresent(latencies::add);
                notEnded += latency.isEmpty() ? 1 : 0;
            }
        }
        latencies.sort(null);
        return new Result(scenario, ENGINE, progress.ready(), List.copyOf(latencies), notEnded, progress.handled.get(), tally);
    }

    /** The latest queue leg's end − (its start + maxWait); empty while it has not ended. */
    static Optional<Duration> latency(JsonNode conversation) {
        JsonNode acd = null;
        for (JsonNode p : conversation.path("participants")) {
            if (p.path("purpose").asText().equals("acd")
                    && (acd == null || Instant.parse(p.path("startTime").asText()).isAfter(Instant.parse(acd.path("startTime").asText())))) {
                acd = p;
            }
        }
        if (acd == null || !acd.hasNonNull("endTime")) {
            return Optional.empty();
        }
        Instant crossing = Instant.parse(acd.path("startTime").asText()).plusSeconds(WatchScenario.MAX_WAIT_SECONDS);
        return Optional.of(Duration.between(crossing, Instant.parse(acd.path("endTime").asText())));
    }

    private static int crossingLeft(SandboxProbe probe) {
        int left = 0;
        for (SandboxClient.Guest c : probe.control().conversations()) {
            if (c.label().startsWith(WatchScenario.CROSSING) && !c.ended()) {
                left++;
            }
        }
        return left;
    }

    /** What the watch tells as it goes, read by the bench's thread. */
    private static final class Progress implements WatchListener {
        private final AtomicInteger handled = new AtomicInteger();
        private final List<String> troubles = new CopyOnWriteArrayList<>();
        private volatile long started;
        private volatile long firstScan;

        /** From start to the first scan (the watch connects, then scans); zero if it never got there. */
        Duration ready() {
            return firstScan == 0 ? Duration.ZERO : Duration.ofNanos(firstScan - started);
        }

        @Override
        public void scanned(int tracked) {
            if (firstScan == 0) {
                firstScan = System.nanoTime();
            }
        }

        @Override
        public void handled(Finding finding, Outcome outcome) {
            handled.incrementAndGet();
        }

        @Override
        public void disconnected(String why) {
            troubles.add("disconnected: " + why);
        }

        @Override
        public void trouble(String what) {
            troubles.add(what);
        }
    }
}
