package dev.unstuck.app.cli;

import dev.unstuck.app.config.ConfigFile;
import dev.unstuck.app.config.Oidc;
import dev.unstuck.app.config.ServiceSettings;
import dev.unstuck.app.service.Service;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.view.WatchLines;
import dev.unstuck.core.detect.Watch;
import dev.unstuck.core.genesys.GenesysOrg;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** `unstuck serve`: the long-running service (detection for every org, the HTTP API, health and metrics). */
@Command(name = "serve",
        header = "Run the service: watch every org, serve the HTTP API, health and metrics.",
        description = {"Watches every org of the config file (each on the one replica holding its",
                "lease) and serves the authenticated HTTP API under /api/v1, with /healthz,",
                "/readyz and /metrics (Prometheus). API tokens: 'unstuck token create'.",
                "Several replicas share one PostgreSQL audit database; with SQLite one runs.",
                "SIGTERM stops it gracefully: not ready at once, new requests are refused,",
                "endings in flight finish and are recorded, exit 0. See docs/service.md."})
final class ServeCommand extends OrgCommand {
    @Mixin
    AuditOptions auditOptions;

    // No defaultValue on the options the config file's service: section may set: a flag given wins, then
    // the file, then the default, and picocli's default would hide whether the flag was given.
    @Option(names = "--port", paramLabel = "N",
            description = "Port of the API (and of health and metrics, unless --management-port). Default: service.port, else 8080.")
    Integer port;

    @Option(names = "--management-port", paramLabel = "N",
            description = "Serve /healthz, /readyz and /metrics on this port instead. Default: service.managementPort, else the API's port.")
    Integer managementPort;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on. Default: service.host, else 0.0.0.0.")
    String host;

    @Option(names = "--no-watch", description = "Serve the API only; detect nothing (service.watch: false in the file).")
    boolean noWatch;

    @Option(names = "--scan-every", paramLabel = "DURATION",
            description = "How often the watch's analytics scan reconciles (e.g. 90s, 5m). Default: service.scanEvery, else 5m.")
    String scanEvery;

    @Option(names = "--oidc-issuer", paramLabel = "URL", description = "Also accept JWTs of this OIDC issuer (with --oidc-jwks-url). Default: service.oidc.")
    String oidcIssuer;

    @Option(names = "--oidc-jwks-url", paramLabel = "URL", description = "The issuer's JWKS, to check JWT signatures.")
    String oidcJwks;

    @Option(names = "--oidc-audience", paramLabel = "AUD", description = "The audience JWTs must name. Default: service.oidc.audience, else unstuck.")
    String oidcAudience;

    @Option(names = "--oidc-role-claim", paramLabel = "CLAIM",
            description = "The JWT claim holding viewer, operator or admin. Default: service.oidc.roleClaim, else unstuck_role.")
    String oidcRoleClaim;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "human",
            description = "human (default) or json: one JSON object per line on standard output, in Elastic Common Schema fields,"
                    + " with org, conversation and correlation ids as fields.")
    String logFormat;

    volatile Service service;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicBoolean stopped = new AtomicBoolean();

    ServeCommand(AppContext context) {
        super(context);
    }

    /** Who may sign in with Genesys Cloud: each org of the file with a {@code signIn} client. */
    private static Service.People people(ConfigFile config) {
        java.util.Map<String, dev.unstuck.app.config.OrgProfile.SignIn> orgs = new java.util.LinkedHashMap<>();
        config.orgs().forEach((name, profile) -> profile.signIn().ifPresent(s -> orgs.put(name, s)));
        Service.People defaults = Service.People.none();
        return new Service.People(config.service().publicUrl(), config.service().frameAncestors(), orgs, defaults.idle(), defaults.absolute());
    }

    @Override
    public Integer call() throws Exception {
        if (!logFormat.equals("human") && !logFormat.equals("json")) {
            throw new UserError(ExitCode.USAGE, "--log-format is human or json");
        }
        if ((oidcIssuer == null) != (oidcJwks == null)) {
            throw new UserError(ExitCode.USAGE, "--oidc-issuer and --oidc-jwks-url go together");
        }
        OrgOptions.Chosen served = orgOptions.everyOrOne();
        ConfigFile config = served.config();
        ServiceSettings file = config.service();
        // A flag given, else the file, else the service's own default.
        Service.Settings defaults = Service.Settings.defaults();
        Watch.Settings watchDefaults = defaults.watchSettings();
        Duration every = scanEvery != null ? WatchCommand.duration(scanEvery) : file.scanEvery().orElse(watchDefaults.scanEvery());
        String listenOn = Optional.ofNullable(host).or(file::host).orElse(defaults.host());
        List<GenesysOrg> genesysOrgs = served.orgs();
        Service.Policies policies = new Service.Policies(config::detectionFor, base -> EndCommand.policy(config, base));
        Service.Settings settings = defaults.withPort(Optional.ofNullable(port).or(file::port).orElse(defaults.port())).withHost(listenOn)
                .withManagementPort(Optional.ofNullable(managementPort).or(file::managementPort))
                .withWatch(!noWatch && file.watch().orElse(defaults.watch()),
                        new Watch.Settings(every, watchDefaults.lookback(), watchDefaults.reconnectDelay()))
                .withOidc(oidc(file))
                .withCallerRequestsPerMinute(file.callerRequestsPerMinute().orElse(defaults.callerRequestsPerMinute()));
        PrintWriter out = spec.commandLine().getOut();
        AuditDatabase db = auditOptions.open(context, config.auditDb());
        try {
            try {
                service = Service.start(settings, genesysOrgs, policies, db, context.clock(), config.notifications(), people(config));
            } catch (Service.AlreadyServed e) {
                throw new UserError(ExitCode.CONFIG, e.getMessage());
            }
            Thread hook = new Thread(this::shutdown, "serve-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            Map<sun.misc.Signal, sun.misc.SignalHandler> before = stopOnSignals();
            WatchLines.say(out, "serving " + genesysOrgs.size() + " org" + (genesysOrgs.size() == 1 ? "" : "s") + " ("
                    + String.join(", ", genesysOrgs.stream().map(GenesysOrg::name).toList()) + ") on http://" + listenOn + ":" + service.port()
                    + service.managementPort().map(p -> ", health and metrics on port " + p).orElse("") + "; audit " + db.location()
                    + ". SIGTERM stops it.");
            stop.await();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                return ExitCode.OK.code(); // the hook is the one stopping us (a signal we do not handle); the JVM picks the code
            }
            shutdown(); // a signal of ours (SIGTERM, SIGINT): stop here, and exit 0
            before.forEach(sun.misc.Signal::handle); // serve run inside another program (a test) gives its signals back
        } finally {
            db.close();
        }
        return ExitCode.OK.code();
    }

    /** The flags' issuer if given, else the file's; the audience and role claim of the flags over the file's (or the defaults). */
    private Optional<Oidc> oidc(ServiceSettings file) {
        Optional<Oidc> written = file.oidc();
        Optional<Oidc> chosen = oidcIssuer == null ? written
                : Optional.of(new Oidc(oidcIssuer, oidcJwks, written.map(Oidc::audience).orElse(Oidc.DEFAULT_AUDIENCE),
                        written.map(Oidc::roleClaim).orElse(Oidc.DEFAULT_ROLE_CLAIM)));
        return chosen.map(o -> o.withAudience(Optional.ofNullable(oidcAudience).orElse(o.audience()))
                .withRoleClaim(Optional.ofNullable(oidcRoleClaim).orElse(o.roleClaim())));
    }

    /**
     * SIGTERM and SIGINT stop serve from its main thread, which then exits 0: a stop asked for is a
     * success (systemd and Kubernetes count 143, the JVM's own exit on SIGTERM, as a failure). Where
     * the JVM does not let us have the signals (-Xrs), the shutdown hook stops the service instead.
     */
    private Map<sun.misc.Signal, sun.misc.SignalHandler> stopOnSignals() {
        Map<sun.misc.Signal, sun.misc.SignalHandler> before = new LinkedHashMap<>();
        try {
            for (String name : List.of("TERM", "INT")) {
                // sun.misc.Signal (module jdk.unsupported) is the JDK's only way to handle a signal instead of exiting on it.
                sun.misc.Signal signal = new sun.misc.Signal(name);
                before.put(signal, sun.misc.Signal.handle(signal, s -> stop.countDown()));
            }
        } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
            // The shutdown hook stops the service then.
        }
        return before;
    }

    /**
     * Stopping: refuse new requests, finish the ones in flight, stop the watches, give up the leases. Said
     * "stopped" before returning: from the shutdown hook, the JVM halts once the hooks are done.
     */
    void shutdown() {
        if (stopped.getAndSet(true)) {
            return;
        }
        Service running = service;
        if (running != null) {
            running.close();
        }
        WatchLines.say(spec.commandLine().getOut(), "stopped");
        stop.countDown();
    }

}
