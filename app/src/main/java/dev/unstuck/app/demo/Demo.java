package dev.unstuck.app.demo;

import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditRecorder;
import dev.unstuck.app.view.WatchLines;
import dev.unstuck.core.detect.Watch;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.core.genesys.UnknownRegionException;
import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;
import dev.unstuck.sandbox.client.SandboxClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * {@code unstuck demo}: the whole job on a local org. With the sandbox started on the demo scenario,
 * writes a config file for it, runs the {@link Tour} (queues, the sweep, the audit), then either stops
 * ({@code --exit}) or leaves the sandbox running with a watch on it until the process is stopped.
 *
 * @param operator who the audit says asked (the CLI's user)
 */
public record Demo(PrintWriter out, Clock clock, String operator) {
    /** The sandbox the demo runs on: the demo scenario on the wall clock, so the watch's guests age while the user looks. */
    public static SandboxOptions sandboxOptions(int port) {
        return SandboxOptions.defaults().withPort(port).withClock(ClockMode.REAL).withScenario(DemoScenario.json());
    }

    /**
     * Runs the demo on {@code sandbox} (started with {@link #sandboxOptions}), which it then owns: with
     * {@code exit} it stops it and removes its temporary folder; otherwise it returns only when the process stops.
     */
    public void run(Sandbox sandbox, boolean exit) throws IOException, AuditDatabase.AuditUnavailable, InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String secret = DemoScenario.secret(DemoScenario.json());
            DemoWorkspace workspace = DemoWorkspace.create();
            Path config = workspace.writeConfig(sandbox.baseUri(), secret);
            String example;
            try (AuditDatabase db = workspace.openAudit()) {
                example = new Tour(out, clock, operator).run(new SandboxClient(sandbox.baseUri()), client(sandbox, secret), db);
            }
            if (exit) {
                out.println("--exit: the sandbox at " + sandbox.baseUri() + " stops now, and the demo's temporary folder "
                        + workspace.folder() + " (its config file and audit database) is removed.");
                out.flush();
                workspace.remove();
                return;
            }
            invite(sandbox, config, example);
            Watch watch = startWatch(client(sandbox, secret), workspace);
            Runtime.getRuntime().addShutdownHook(new Thread(watch::stop, "demo-watch-stop"));
            out.flush();
            stopped.await();
        } finally {
            if (exit) {
                Runtime.getRuntime().removeShutdownHook(hook);
                sandbox.close();
            }
            out.flush();
        }
    }

    /** What the user can try on the running sandbox, and what the watch is about to show. */
    private void invite(Sandbox sandbox, Path config, String example) {
        out.println("The sandbox keeps running at " + sandbox.baseUri() + " (control API " + new SandboxClient(sandbox.baseUri()).controlUri()
                + ").");
        out.println("Point the CLI at it with the demo's config file (it holds the demo client's credentials):");
        out.println("  ./unstuck doctor --config " + config);
        out.println("  ./unstuck inspect --config " + config + " " + example);
        out.println("  ./unstuck end --config " + config + " " + example + " --dry-run --force");
        out.println("  ./unstuck sweep --config " + config + " --dry-run");
        out.println("or export GENESYSCLOUD_REGION=" + sandbox.baseUri() + " with the client id and secret of '"
                + DemoScenario.CLIENT + "' from sandbox/scenarios/demo.json.");
        out.println();
        out.println("unstuck watch is on for the sandbox: three guests cross " + DemoRun.MAX_WAIT.toMinutes()
                + " minutes of waiting within the first minute, the fresh ones later while you look, and it ends each"
                + " within one event; its lines follow. Press Ctrl-C to stop.");
        out.flush();
    }

    /** After the tour: the watch keeps the sandbox's queues clean while the user tries the CLI. */
    private Watch startWatch(GenesysClient client, DemoWorkspace workspace) throws AuditDatabase.AuditUnavailable {
        AuditDatabase db = workspace.openAudit();
        Engine engine = new Engine(client, new AuditRecorder(db, UUID.randomUUID().toString(), "demo"), EnginePolicy.defaults());
        Watch watch = new Watch(client, engine, clock, DemoRun.POLICY, Watch.Settings.defaults(),
                new EndRequest(false, false, "unstuck demo watch", operator), WatchLines.text(out, "demo"));
        Thread thread = new Thread(() -> {
            try {
                watch.run();
            } finally {
                db.close();
            }
        }, "demo-watch");
        thread.setDaemon(true);
        thread.start();
        return watch;
    }

    private static GenesysClient client(Sandbox sandbox, String secret) {
        try {
            return GenesysClient.create(Region.parse(sandbox.baseUri().toString()), new Credentials(DemoScenario.CLIENT, secret),
                    ClientSettings.defaults());
        } catch (UnknownRegionException e) {
            throw new IllegalStateException("the sandbox's own address is not a base URL: " + sandbox.baseUri(), e);
        }
    }
}
