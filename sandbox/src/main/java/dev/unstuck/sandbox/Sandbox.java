package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.clock.SandboxClock;
import dev.unstuck.sandbox.control.ControlApi;
import dev.unstuck.sandbox.control.AccessControl;
import dev.unstuck.sandbox.control.DeploymentControl;
import dev.unstuck.sandbox.control.NotificationControl;
import dev.unstuck.sandbox.guest.GuestSessions;
import dev.unstuck.sandbox.http.ChannelSocket;
import dev.unstuck.sandbox.http.GuestSocket;
import dev.unstuck.sandbox.notify.Channels;
import dev.unstuck.sandbox.notify.EventFeed;
import dev.unstuck.sandbox.http.Exchange;
import dev.unstuck.sandbox.http.Faults;
import dev.unstuck.sandbox.http.GenesysApi;
import dev.unstuck.sandbox.http.RequestLog;
import dev.unstuck.sandbox.scenario.Scenario;
import dev.unstuck.sandbox.scenario.ScenarioReader;
import dev.unstuck.sandbox.world.State;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import dev.unstuck.sandbox.http.DeclaredLengthLimit;
import dev.unstuck.sandbox.http.PlatformErrorPage;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A local Genesys Cloud: the Platform API subset unstuck uses plus the control API, on 127.0.0.1.
 * See docs/sandbox.md for what it serves and how it behaves.
 */
public final class Sandbox implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    /** Javalin's default, kept: the largest control call (a scenario) is far below it. */
    private static final long MAX_BODY_BYTES = 1_000_000;

    private final Javalin server;
    private final Optional<ScheduledExecutorService> ticker;
    private final URI baseUri;
    private final Channels channels;
    private final GuestSessions guests;
    private final Faults faults;

    private Sandbox(Javalin server, Optional<ScheduledExecutorService> ticker, Channels channels, GuestSessions guests, Faults faults) {
        this.server = server;
        this.faults = faults;
        this.guests = guests;
        this.channels = channels;
        this.ticker = ticker;
        this.baseUri = URI.create("http://" + HOST + ":" + server.port());
    }

    /**
     * Starts serving. Throws {@link ScenarioException} for an invalid scenario and an
     * {@link UncheckedIOException} wrapping the {@link BindException} when the port is taken.
     */
    public static Sandbox start(SandboxOptions options) {
        ObjectMapper json = new ObjectMapper();
        ScenarioReader reader = new ScenarioReader(json);
        Scenario scenario = reader.read(options.scenario().orElse(ScenarioReader.DEFAULT_SCENARIO));
        SandboxClock clock = SandboxClock.startingNow(options.clock());
        State state = new State(clock, scenario);
        Faults faults = new Faults();
        RequestLog log = new RequestLog();

        Channels channels = new Channels();
        EventFeed feed = new EventFeed(channels, json);
        state.addListener(feed);
        state.afterEveryChange(feed);
        GuestSessions guests = new GuestSessions(state, json);
        state.addListener(guests);
        state.afterEveryChange(guests);

        Javalin server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.startupWatcherEnabled = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.jetty.threadPool = threadPool();
            config.jetty.modifyServer(jetty -> {
                // Bodies are read without a thread before any route runs (a client that sends a large
                // Content-Length and then stalls holds a socket, not a thread nor the state's lock) and
                // bounded; what Jetty answers itself is in the platform's error body.
                jetty.insertHandler(new EagerContentHandler(
                        new EagerContentHandler.RetainedContentLoaderFactory(MAX_BODY_BYTES, -1, true)));
                // Inserted last, so it runs first: a declared length over the limit is refused before any read.
                jetty.insertHandler(new DeclaredLengthLimit(MAX_BODY_BYTES));
                jetty.setErrorHandler(new PlatformErrorPage(json));
            });
            // Heartbeats follow the sandbox clock, so a quiet socket must not time out in real time.
            config.jetty.modifyWebSocketServletFactory(f -> f.setIdleTimeout(Duration.ofHours(24)));
            RoutesConfig routes = config.routes;
            routes.before(Exchange::begin);
            routes.after(ctx -> Exchange.logAnswered(ctx, log, state.now()));
            routes.exception(Exception.class, (e, ctx) -> Exchange.internalError(ctx, json));
            new GenesysApi(state, faults, json, channels).register(routes);
            new ChannelSocket(state, channels, json).register(routes);
            new GuestSocket(guests, json).register(routes);
            new NotificationControl(state, channels, feed, json).register(routes);
            new DeploymentControl(state, json).register(routes);
            new AccessControl(state, channels, json).register(routes);
            new ControlApi(state, faults, log, json).register(routes);
        });
        try {
            server.start(HOST, options.port());
        } catch (RuntimeException e) {
            server.stop();
            channels.close();
            guests.close();
            throw bindFailure(e, options.port());
        }
        Optional<ScheduledExecutorService> ticker = Optional.empty();
        if (options.clock() == ClockMode.REAL) {
            // On a real clock timers must fire even when nobody calls, so loops and cleanups happen on time.
            ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "sandbox-clock");
                thread.setDaemon(true);
                return thread;
            });
            t.scheduleAtFixedRate(() -> state.locked(w -> null), 1, 1, TimeUnit.SECONDS);
            ticker = Optional.of(t);
        }
        return new Sandbox(server, ticker, channels, guests, faults);
    }

    /**
     * Threads serve requests only once their body is in (see the handlers above), so a bounded pool
     * suffices; the lock over the state serialises the work anyway. Latency faults sleep on these
     * threads, which is why the pool is not smaller.
     */
    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(200, 8, 60_000);
        pool.setName("sandbox-http");
        return pool;
    }

    private static RuntimeException bindFailure(RuntimeException e, int port) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                return new UncheckedIOException("port " + port + " on " + HOST + " is in use", bind);
            }
        }
        return e;
    }

    /** For example {@code http://127.0.0.1:8089}, no trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public void close() {
        ticker.ifPresent(ScheduledExecutorService::shutdownNow);
        faults.clear(); // lets held requests go, so stopping does not wait for them
        server.stop();
        channels.close();
        guests.close();
    }
}
