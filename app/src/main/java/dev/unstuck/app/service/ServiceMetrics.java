package dev.unstuck.app.service;

import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.CallRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The service's Prometheus metrics (Micrometer): endings by org, queue, reason and outcome; Genesys
 * calls by endpoint template and status; 429s; the share of the org's call budget used in the last
 * minute; how long since the watch last heard from Genesys; guests stuck now by queue and reason;
 * notification reconnects; whether each org is up and its credentials work; whether the audit database
 * takes writes; HTTP requests by route template; the build; and the JVM's own. Every label is bounded
 * (orgs and queues of the config, fixed words): no id, path or caller text becomes a label value.
 * docs/service.md says what each means.
 */
final class ServiceMetrics implements Observers.Observer {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Clock clock;
    private final Map<String, Deque<Instant>> lastMinute = new ConcurrentHashMap<>();
    private final Map<String, Integer> budgets = new ConcurrentHashMap<>();
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

    ServiceMetrics(Clock clock) {
        this.clock = clock;
        // promtool check metrics lints these two of Micrometer's: a unit abbreviated (ns), a gauge named like a count.
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")))
                .meterFilter(new MeterFilter() {
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.processors") : id;
                    }
                });
        String version = Optional.ofNullable(ServiceMetrics.class.getPackage().getImplementationVersion()).orElse("0.1.0-SNAPSHOT");
        // An info metric of the client's own: Micrometer's ".info" gauges lose their help text, which promtool requires.
        registry.getPrometheusRegistry().register(() -> new InfoSnapshot(
                new MetricMetadata("unstuck_build", "The running build: always 1, its version and Java in the labels"),
                List.of(new InfoSnapshot.InfoDataPointSnapshot(Labels.of("version", version, "java", System.getProperty("java.version", "unknown"))))));
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Binds an org: its calls, its budget and watch gauges, its picture of stuck guests. */
    void bind(OrgRuntime org) {
        String name = org.name();
        lastMinute.put(name, new ArrayDeque<>());
        org.client().onCall(call -> called(name, call));
        rateLimited(name);
        reconnects(name);
        int budget = Math.max(1, org.genesys().settings().requestsPerMinute());
        budgets.put(name, budget);
        Gauge.builder("unstuck_rate_budget_used_ratio", () -> budgetUsed(name))
                .description("Share of the org's per-minute call budget used in the last minute")
                .tags("org", name).register(registry);
        Gauge.builder("unstuck_watch_lag_seconds", () -> org.watch().isEmpty() ? 0
                        : Duration.between(org.lastHeard(), clock.instant()).toMillis() / 1000.0)
                .description("Seconds since the org's watch last heard from Genesys (an event, a heartbeat or a scan)")
                .tags("org", name).register(registry);
        Gauge.builder("unstuck_watch_connected", () -> org.channelConnected() ? 1 : 0)
                .description("1 while this replica watches the org on a connected notification channel")
                .tags("org", name).register(registry);
        Gauge.builder("unstuck_org_up", () -> org.trouble().isEmpty() ? 1 : 0)
                .description("1 while this replica can work with the org (credentials accepted, Genesys answering, its watch's channel"
                        + " connected); GET /api/v1/orgs says why not")
                .tags("org", name).register(registry);
        Gauge.builder("unstuck_org_credentials_ok", () -> org.credentialsOk() ? 1 : 0)
                .description("0 while Genesys refuses the org's OAuth client (401/403/400 from the token endpoint)"
                        + " or refused an act for a permission its roles lack")
                .tags("org", name).register(registry);
        // Rows computed before each scrape (not while another gauge is read), so the first scrape has them.
        MultiGauge stuck = MultiGauge.builder("unstuck_guests_now").description("Guests the watch follows now, by queue and reason")
                .register(registry);
        beforeScrape.add(() -> {
            Map<List<String>, Long> counts = org.picture().stream()
                    .collect(Collectors.groupingBy(f -> List.of(f.queue(), f.why()), Collectors.counting()));
            stuck.register(counts.entrySet().stream().map(e -> MultiGauge.Row.of(
                    Tags.of("org", name, "queue", e.getKey().get(0), "reason", e.getKey().get(1)), e.getValue())).toList(), true);
        });
        Gauge.builder("unstuck_watch_guests", () -> org.picture().size()).description("Guests the watch follows now")
                .tags("org", name).register(registry);
    }

    /** The audit database's health, as {@code /readyz} judges it. */
    void bind(AuditHealth audit) {
        Gauge.builder("unstuck_audit_up", () -> audit.problem().isEmpty() ? 1 : 0)
                .description("1 while the audit database takes a real write (and, for SQLite, its file is still the one opened)")
                .register(registry);
    }

    /** One answered HTTP request, by its route template ({@code /api/v1/orgs/{org}/...}), never its raw path. */
    void served(String method, String route, int status, Duration took) {
        Timer.builder("unstuck_http_server_requests").description("HTTP requests the service answered, by route template and status")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .register(registry).record(took.toNanos(), TimeUnit.NANOSECONDS);
    }

    String scrape() {
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    @Override
    public void ended(String org, String source, String queue, String reason, Outcome outcome) {
        Counter.builder("unstuck_endings").description("Conversations the service handled, by outcome")
                .tags("org", org, "source", source, "queue", queue.isEmpty() ? "unknown" : queue, "reason", reason(reason),
                        "outcome", outcome(outcome))
                .register(registry).increment();
    }

    @Override
    public void watchChanged(String org, String state, String detail) {
        if (state.equals("disconnected")) {
            reconnects(org).increment();
        }
    }

    @Override
    public void detected(String org, Finding finding) {
        // Detections are counted by their endings; the picture gauge shows what waits now.
    }

    private void called(String org, CallRecord call) {
        String endpoint = endpoint(call.path());
        Counter.builder("unstuck_genesys_calls").description("Genesys Cloud API calls, every attempt")
                .tags("org", org, "method", call.method(), "endpoint", endpoint, "status", Integer.toString(call.status()))
                .register(registry).increment();
        if (call.status() == 429) {
            rateLimited(org).increment();
        }
        Deque<Instant> window = lastMinute.get(org);
        if (window != null) {
            synchronized (window) {
                window.addLast(clock.instant());
            }
        }
    }

    private static final Pattern WORD = Pattern.compile("[a-z]+|v[0-9]+");

    /**
     * The call's path as a template: every segment that is not a plain word ({@code conversations},
     * {@code v2}) becomes {@code {id}}, so conversation, job and notification channel ids (a new channel
     * per reconnect) never make a new series.
     */
    static String endpoint(String path) {
        return Arrays.stream(path.replaceFirst("[?#].*$", "").split("/", -1))
                .map(segment -> segment.isEmpty() || WORD.matcher(segment).matches() ? segment : "{id}")
                .collect(Collectors.joining("/"));
    }

    private Counter rateLimited(String org) {
        return Counter.builder("unstuck_genesys_rate_limited").description("429 answers from Genesys Cloud")
                .tags("org", org).register(registry);
    }

    private Counter reconnects(String org) {
        return Counter.builder("unstuck_notification_reconnects").description("Notification channel reconnects")
                .tags("org", org).register(registry);
    }

    /** Calls to the org in the last minute over its {@code requestsPerMinute} (the gauge's value, for the dashboard too). */
    double budgetUsed(String org) {
        Integer budget = budgets.get(org);
        return budget == null ? 0 : callsInLastMinute(org) / (double) budget;
    }

    private double callsInLastMinute(String org) {
        Deque<Instant> window = lastMinute.get(org);
        Instant cut = clock.instant().minusSeconds(60);
        synchronized (window) {
            while (!window.isEmpty() && window.peekFirst().isBefore(cut)) {
                window.removeFirst();
            }
            return window.size();
        }
    }

    /** Free text reasons (the API's) are bucketed so a caller cannot blow up the series count. */
    private static String reason(String reason) {
        return switch (reason) {
            case "stuck", "looping", "orphaned", "idle", "stranded" -> reason;
            default -> "requested";
        };
    }

    static String outcome(Outcome outcome) {
        if (outcome instanceof Outcome.Ended e) {
            return e.alreadyEnded() ? "already_ended" : "ended";
        }
        if (outcome instanceof Outcome.Skipped) {
            return "skipped";
        }
        if (outcome instanceof Outcome.Planned) {
            return "planned";
        }
        if (outcome instanceof Outcome.NotFound) {
            return "not_found";
        }
        return "failed";
    }
}
