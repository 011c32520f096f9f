package dev.unstuck.app.service.dashboard;

import dev.unstuck.app.service.Service;
import dev.unstuck.app.store.ApiTokens;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditLocation;
import dev.unstuck.app.store.SharedConnection;
import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.Watch;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysOrg;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.junit.SandboxExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code unstuck serve} on the sandbox's demo org ({@code sandbox/scenarios/demo.json}), in this JVM:
 * the sandbox on a manual clock that the service reads too, a SQLite audit, the watch on, and a token
 * of each role. The watch ends at most {@code limit} conversations an hour, so the demo's stuck guests
 * stay on the Now page until the test moves the clock on.
 */
final class DemoService implements AutoCloseable {
    static final String ORG = "demo";

    final SandboxExtension sandbox;
    final SandboxClient control;
    final SandboxTime clock;
    final AuditDatabase db;
    final Service service;
    final String viewer;
    final String operator;
    final String admin;

    /** The sandbox the test class registered (see {@link #sandbox()}), started and loaded. */
    DemoService(SandboxExtension sandbox, Path home, int limit) throws Exception {
        this.sandbox = sandbox;
        control = sandbox.control();
        clock = new SandboxTime(control);
        db = AuditDatabase.open(AuditLocation.parse(home.resolve("audit.db").toString()));
        GenesysOrg target = new GenesysOrg(ORG, Region.parse(sandbox.baseUri().toString()), new Credentials("unstuck-demo", "demo-secret"),
                ClientSettings.defaults());
        Service.Settings settings = Service.Settings.defaults().withPort(0).withHost("127.0.0.1")
                .withWatch(true, new Watch.Settings(Duration.ofMinutes(5), Watch.Settings.defaults().lookback(), Duration.ofMillis(200)))
                .withLeaseEvery(Duration.ofMillis(200)).withCredentialsEvery(Duration.ofSeconds(30));
        service = Service.start(settings, List.of(target), new Service.Policies(name -> Policy.defaults().withLimit(limit), base -> base),
                db, clock);
        try (SharedConnection c = SharedConnection.open(db.location())) {
            ApiTokens tokens = new ApiTokens(c);
            viewer = tokens.create("supervisor", "viewer", "test", Instant.now());
            operator = tokens.create("oncall", "operator", "test", Instant.now());
            admin = tokens.create("lead", "admin", "test", Instant.now());
        }
    }

    String base() {
        return "http://127.0.0.1:" + service.port();
    }

    /** The demo org's sandbox, one for the class (the dashboard's pages are read across its tests): register it as a static field. */
    static SandboxExtension sandbox() {
        return sandbox(demoScenario());
    }

    static SandboxExtension sandbox(String scenario) {
        return new SandboxExtension(scenario).loadedOnce();
    }

    static String demoScenario() {
        try (InputStream in = DemoService.class.getResourceAsStream("/scenarios/demo.json")) {
            if (in == null) {
                throw new IllegalStateException("scenarios/demo.json is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        service.close();
        db.close();
    }

    /**
     * The sandbox's manual clock, mirrored here so the service judges guests in sandbox time without a
     * control call per reading: it moves only when the test moves both.
     */
    static final class SandboxTime extends Clock {
        private final SandboxClient control;
        private final AtomicReference<Instant> now;

        SandboxTime(SandboxClient control) {
            this.control = control;
            this.now = new AtomicReference<>(control.now());
        }

        void advance(Duration by) {
            control.advance(by);
            now.set(control.now());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
