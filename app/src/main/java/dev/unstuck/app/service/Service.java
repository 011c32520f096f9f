package dev.unstuck.app.service;

import dev.unstuck.app.DaemonThreads;
import dev.unstuck.app.config.NotifySettings;
import dev.unstuck.app.config.Oidc;
import dev.unstuck.app.config.OrgProfile;
import dev.unstuck.app.notify.Alerts;
import dev.unstuck.app.notify.Courier;
import dev.unstuck.app.service.dashboard.Dashboard;
import dev.unstuck.app.store.AnalyticsGhosts;
import dev.unstuck.app.store.ApiTokens;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditRecorder;
import dev.unstuck.app.store.EndingClaims;
import dev.unstuck.app.store.IdempotencyKeys;
import dev.unstuck.app.store.SharedConnection;
import dev.unstuck.app.store.WebSessions;
import dev.unstuck.app.text.UserText;
import dev.unstuck.app.view.OutcomeView;
import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.Watch;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysOrg;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@code unstuck serve}: detection for every org of the config (each org watched by the one replica
 * holding its lease), the authenticated {@code /api/v1}, the dashboard at {@code /}, and
 * {@code /healthz}, {@code /readyz} and {@code /metrics} (on the API's port, or on a management port
 * of their own).
 */
public final class Service implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("unstuck.serve");
    private static final Set<String> HEALTH_ROUTES = Set.of("/healthz", "/readyz", "/metrics");
    /** How often alert conditions are judged: a condition is told within this of holding or clearing. */
    private static final Duration JUDGE_EVERY = Duration.ofSeconds(10);

    /** How the service runs. */
    public record Settings(String host, int port, Optional<Integer> managementPort, boolean watch, Duration leaseEvery,
                           Duration credentialsEvery, Watch.Settings watchSettings, Optional<Oidc> oidc, Duration drainFor,
                           Duration resumeEvery, int callerRequestsPerMinute) {

        public static Settings defaults() {
            return new Settings("0.0.0.0", 8080, Optional.empty(), true, Duration.ofSeconds(5), Duration.ofSeconds(30),
                    Watch.Settings.defaults(), Optional.empty(), Duration.ofSeconds(30), Duration.ofSeconds(30),
                    CallerLimits.DEFAULT_PER_MINUTE);
        }

        /** How often every replica finishes the endings stopped runs left begun (also once at start). */
        public Settings withResumeEvery(Duration value) {
            return new Settings(host, port, managementPort, watch, leaseEvery, credentialsEvery, watchSettings, oidc, drainFor, value,
                    callerRequestsPerMinute);
        }

        public Settings withPort(int value) {
            return new Settings(host, value, managementPort, watch, leaseEvery, credentialsEvery, watchSettings, oidc, drainFor, resumeEvery,
                    callerRequestsPerMinute);
        }

        public Settings withManagementPort(Optional<Integer> value) {
            return new Settings(host, port, value, watch, leaseEvery, credentialsEvery, watchSettings, oidc, drainFor, resumeEvery,
                    callerRequestsPerMinute);
        }

        public Settings withHost(String value) {
            return new Settings(value, port, managementPort, watch, leaseEvery, credentialsEvery, watchSettings, oidc, drainFor, resumeEvery,
                    callerRequestsPerMinute);
        }

        public Settings withWatch(boolean value, Watch.Settings values) {
            return new Settings(host, port, managementPort, value, leaseEvery, credentialsEvery, values, oidc, drainFor, resumeEvery,
                    callerRequestsPerMinute);
        }

        public Settings withLeaseEvery(Duration value) {
            return new Settings(host, port, managementPort, watch, value, credentialsEvery, watchSettings, oidc, drainFor, resumeEvery,
                    callerRequestsPerMinute);
        }

        public Settings withCredentialsEvery(Duration value) {
            return new Settings(host, port, managementPort, watch, leaseEvery, value, watchSettings, oidc, drainFor, resumeEvery,
                    callerRequestsPerMinute);
        }

        public Settings withOidc(Optional<Oidc> value) {
            return new Settings(host, port, managementPort, watch, leaseEvery, credentialsEvery, watchSettings, value, drainFor, resumeEvery,
                    callerRequestsPerMinute);
        }

        /** Requests a minute each API caller may make that reach Genesys (inspect, sweeps); over it, 429. */
        public Settings withCallerRequestsPerMinute(int value) {
            return new Settings(host, port, managementPort, watch, leaseEvery, credentialsEvery, watchSettings, oidc, drainFor, resumeEvery,
                    value);
        }
    }

    /** What the config file sets for the orgs served: each org's detection policy (by name), and the engine's policy over a base. */
    public record Policies(Function<String, Policy> detection, UnaryOperator<EnginePolicy> engine) {
        /** The defaults for every org, the engine's base unchanged. */
        public static Policies defaults() {
            return new Policies(name -> Policy.defaults(), base -> base);
        }
    }

    /** Another serve holds the database (SQLite allows one replica). */
    public static final class AlreadyServed extends Exception {
        private static final long serialVersionUID = 1L;

        AlreadyServed(String message) {
            super(message);
        }
    }

    private final Javalin api;
    private final Optional<Javalin> management;
    private final WatchSupervisor supervisor;
    private final Sweeps sweeps;
    private final EventStream events;
    private final List<AutoCloseable> resources;
    private final OrgRuntimes orgs;
    private final AtomicInteger inFlight;
    private final Duration drainFor;
    private volatile boolean draining;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Service(Javalin api, Optional<Javalin> management, WatchSupervisor supervisor, Sweeps sweeps, EventStream events,
                    List<AutoCloseable> resources, OrgRuntimes orgs, AtomicInteger inFlight, Duration drainFor) {
        this.events = events;
        this.api = api;
        this.management = management;
        this.supervisor = supervisor;
        this.sweeps = sweeps;
        this.resources = resources;
        this.orgs = orgs;
        this.inFlight = inFlight;
        this.drainFor = drainFor;
    }

    /** Starts serving; the audit database is open (and migrated) already. */
    public static Service start(Settings settings, List<GenesysOrg> served, Policies policies, AuditDatabase db, Clock clock)
            throws AlreadyServed {
        return start(settings, served, policies, db, clock, NotifySettings.none());
    }

    /** Starts serving, telling {@code notify}'s targets of trouble a person must act on. */
    public static Service start(Settings settings, List<GenesysOrg> served, Policies policies, AuditDatabase db, Clock clock,
                                NotifySettings notify) throws AlreadyServed {
        return start(settings, served, policies, db, clock, notify, People.none());
    }

    /**
     * People's sign-in with Genesys Cloud: the OAuth client of each org that offers it, where browsers reach
     * the service, which Genesys Cloud origins may frame the dashboard, and how long a session lives.
     */
    public record People(Optional<java.net.URI> publicUrl, List<String> frameAncestors, Map<String, OrgProfile.SignIn> orgs,
                         Duration idle, Duration absolute) {
        public People {
            frameAncestors = List.copyOf(frameAncestors);
            orgs = Map.copyOf(orgs);
        }

        /** Sign-in with tokens (and OIDC JWTs) only. */
        public static People none() {
            return new People(Optional.empty(), List.of(), Map.of(), Duration.ofMinutes(30), Duration.ofHours(8));
        }
    }

    /** Starts serving, telling {@code notify}'s targets of trouble, and signing {@code people} in with Genesys Cloud. */
    public static Service start(Settings settings, List<GenesysOrg> served, Policies policies, AuditDatabase db, Clock clock,
                                NotifySettings notify, People people) throws AlreadyServed {
        String replica = replicaName();
        OrgLeases leases = leases(db);
        List<AutoCloseable> resources = new ArrayList<>();
        SharedConnection tokenConnection = SharedConnection.open(db.location());
        SharedConnection claimConnection = SharedConnection.open(db.location());
        resources.add(tokenConnection);
        resources.add(claimConnection);
        SharedConnection ghostConnection = SharedConnection.open(db.location());
        resources.add(ghostConnection);
        ApiTokens tokens = new ApiTokens(tokenConnection);
        ServiceMetrics metrics = new ServiceMetrics(clock);
        EventStream events = new EventStream(clock, OutcomeView::json);
        String runId = "serve-" + UUID.randomUUID();
        db.startRun(runId, "serve", "serve@" + replica); // the row readiness renews: its real write
        AuditHealth audit = new AuditHealth(db, runId, clock);
        resources.add(audit);
        metrics.bind(audit);
        List<OrgRuntime> runtimes = new ArrayList<>();
        for (GenesysOrg genesys : served) {
            GenesysClient client = GenesysClient.create(genesys.region(), genesys.credentials(), genesys.settings());
            AuditRecorder journal = new AuditRecorder(db, runId, genesys.name(), "serve", "serve@" + replica);
            OrgRuntime org = new OrgRuntime(genesys, client,
                    base -> new Engine(client, journal, policies.engine().apply(base), clock), policies.detection().apply(genesys.name()))
                    .remembering(new AnalyticsGhosts(ghostConnection, genesys.name()));
            metrics.bind(org);
            runtimes.add(org);
        }
        OrgRuntimes orgs = new OrgRuntimes(runtimes);
        Courier courier = new Courier(clock, Courier.Backoff.DEFAULT, "serve@" + replica);
        resources.add(courier);
        AlertConditions conditions = new AlertConditions(orgs, new Alerts(notify.targets(), courier, clock), notify, clock);
        Observers observers = new Observers(List.of(new ActRefusals(orgs), metrics, events, conditions));
        ScheduledExecutorService judging = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("serve-alerts"));
        resources.add(judging::shutdownNow);
        judging.scheduleWithFixedDelay(() -> {
            try {
                conditions.judge();
            } catch (RuntimeException e) {
                LOG.warn("judging alert conditions: {}", e.getMessage());
            }
        }, JUDGE_EVERY.toMillis(), JUDGE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        Endings endings = new Endings(orgs, new EndingClaims(claimConnection, Duration.ofMinutes(2), Duration.ofSeconds(60)),
                new IdempotencyKeys(claimConnection), clock, replica, OutcomeView::json, observers,
                db.location().vendor().equals("postgresql"));
        Sweeps sweeps = new Sweeps(orgs, clock, observers);
        SharedConnection sessionConnection = SharedConnection.open(db.location());
        resources.add(sessionConnection);
        WebSessions sessions = new WebSessions(sessionConnection, people.idle(), people.absolute());
        Authenticator authenticator = new Authenticator(tokens, settings.oidc().map(OidcVerifier::new), Optional.of(sessions), clock);
        GenesysSignIn signIn = new GenesysSignIn(orgs, people, sessions, clock);
        ServiceApi routes = new ServiceApi(orgs, authenticator, endings, sweeps, new DatabaseAuditFeed(db), events, tokens, metrics, clock,
                CallerLimits.perMinute(settings.callerRequestsPerMinute()));
        AtomicInteger inFlight = new AtomicInteger();
        Service[] self = new Service[1];
        Health health = new Health(audit, () -> self[0] != null && self[0].draining, metrics);
        boolean separate = settings.managementPort().isPresent();
        Dashboard dashboard = new Dashboard(people.frameAncestors());
        Javalin api = Javalin.create(config -> {
            base(config, settings.host(), settings.port(), metrics);
            config.routes.before(ctx -> {
                if (self[0] != null && self[0].draining && !HEALTH_ROUTES.contains(ctx.path())) {
                    // Requests in flight finish; new ones go elsewhere: the load balancer drops this replica on /readyz.
                    ctx.header("Retry-After", "5");
                    throw new ApiProblem(503, "shutting.down", "the service is stopping; retry on another replica");
                }
            });
            config.routes.before("/api/v1/*", ctx -> {
                if (!ctx.path().equals("/api/v1/events")) { // a stream lasts until it is closed; drain waits for acts, not readers
                    inFlight.incrementAndGet();
                    ctx.attribute("unstuck.counted", true);
                }
            });
            config.routes.after("/api/v1/*", ctx -> {
                if (ctx.attribute("unstuck.counted") != null) {
                    inFlight.decrementAndGet();
                }
            });
            routes.routes(config);
            dashboard.routes(config);
            signIn.routes(config);
            if (!separate) {
                health.routes(config);
            }
        });
        Optional<Javalin> management = settings.managementPort().map(port -> Javalin.create(config -> {
            base(config, settings.host(), port, metrics);
            health.routes(config);
        }));
        WatchSupervisor supervisor = new WatchSupervisor(orgs, leases, observers, clock,
                new WatchSupervisor.Settings(settings.watch(), settings.leaseEvery(), settings.credentialsEvery(), settings.resumeEvery(),
                        settings.watchSettings()),
                replica);
        api.start();
        management.ifPresent(Javalin::start);
        supervisor.start();
        Service service = new Service(api, management, supervisor, sweeps, events, resources, orgs, inFlight, settings.drainFor());
        self[0] = service;
        LOG.info("serving {} org(s) on port {} as replica {}", runtimes.size(), service.port(), replica);
        return service;
    }

    private static OrgLeases leases(AuditDatabase db) throws AlreadyServed {
        if (db.location().vendor().equals("postgresql")) {
            return new AdvisoryLockLeases(db.location());
        }
        try {
            return SingleReplicaLease.take(db.location().sqliteFile().orElseThrow()).orElseThrow(() -> new AlreadyServed(
                    "another 'unstuck serve' uses the audit database " + db.location() + "; SQLite allows one replica. Stop it, or"
                            + " give several replicas one PostgreSQL (audit.db: jdbc:postgresql://…)"));
        } catch (IOException e) {
            throw new AlreadyServed("cannot lock the audit database " + db.location() + " for serve: " + e.getMessage());
        }
    }

    private static void base(JavalinConfig config, String host, int port, ServiceMetrics metrics) {
        config.startup.showJavalinBanner = false;
        config.requestLogger.http((ctx, ms) -> metrics.served(method(ctx), route(ctx), ctx.statusCode(),
                Duration.ofNanos((long) (ms * 1_000_000L))));
        config.jetty.host = host;
        config.jetty.port = port;
        config.http.maxRequestSize = ServiceApi.MAX_BODY;
        config.routes.exception(ApiProblem.class, (e, ctx) -> problem(ctx, e.status(), e.code(), e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
            problem(ctx, 500, "internal.error", "an internal error; the service's log has the details (request id in this body)");
        });
        config.routes.error(404, ctx -> {
            if (ctx.attribute("unstuck.problem") == null) {
                problem(ctx, 404, "route.not.found", "no route " + ctx.method() + " " + UserText.shown(ctx.path(), 200)
                        + "; GET /api/v1/openapi.json lists the routes");
            }
        });
        config.routes.error(405, ctx -> problem(ctx, 405, "method.not.allowed", "method " + ctx.method() + " is not allowed here"));
        config.routes.error(413, ctx -> {
            if (ctx.attribute("unstuck.problem") == null) {
                problem(ctx, 413, "body.too.large", "the request body is too large (at most " + ServiceApi.MAX_BODY + " bytes)");
            }
        });
        config.routes.before(ctx -> ctx.header("X-Request-Id", ServiceApi.requestId(ctx)));
    }

    /** The route template that answered ({@code /api/v1/orgs/{org}/queues}), never the raw path: a bounded label. */
    static String route(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint != null && endpoint.method.isHttpMethod()) {
            return endpoint.path;
        }
        return ctx.statusCode() >= 400 ? "unmatched" : "static"; // refused before routing (404, draining), or a dashboard asset
    }

    private static String method(Context ctx) {
        String name = ctx.method().name();
        return HandlerType.commonHttp().stream().anyMatch(m -> m.name().equals(name)) ? name : "other";
    }

    static void problem(Context ctx, int status, String code, String message) {
        String requestId = Optional.ofNullable(ctx.res().getHeader("X-Request-Id")).orElseGet(() -> ServiceApi.requestId(ctx));
        ctx.attribute("unstuck.problem", true);
        ctx.header("X-Request-Id", requestId);
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"unstuck\"");
        }
        ServiceApi.json(ctx, status, ServiceApi.errorBody(status, code, message, requestId));
    }

    public int port() {
        return api.port();
    }

    public Optional<Integer> managementPort() {
        return management.map(Javalin::port);
    }

    /** Orgs this replica watches now (holds the lease of). */
    public List<String> watchedOrgs() {
        return orgs.all().stream().filter(o -> o.watch().isPresent()).map(OrgRuntime::name).toList();
    }

    /**
     * Stops gracefully: {@code /readyz} fails at once and new requests get 503 with Retry-After, the
     * requests in flight finish (endings are finished and recorded; at most {@code drainFor}), event
     * streams get a last {@code shutdown} event and close, the watches stop (each finishes the
     * conversation in hand) and give up their leases, then the servers close. Once only.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        draining = true;
        LOG.info("draining: not ready, refusing new requests, finishing {} in flight", inFlight.get());
        long deadline = System.nanoTime() + drainFor.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50); // waiting for requests in flight to finish, bounded by drainFor
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        events.close();
        supervisor.close();
        sweeps.close();
        api.stop();
        management.ifPresent(Javalin::stop);
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // Stopping: nothing left to save.
            }
        }
        LOG.info("stopped");
    }

    private static String replicaName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
