package dev.unstuck.app.cli;

import dev.unstuck.app.demo.SandboxControl;
import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A sandbox org for CLI tests: one sandbox (manual clock) per test class, the scenario loaded afresh
 * before every test, so each test starts from the same org. Register it as a static field with
 * {@code @RegisterExtension}.
 */
final class SandboxOrg implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final String scenario;
    private Sandbox sandbox;
    private SandboxControl control;

    SandboxOrg(String scenario) {
        this.scenario = scenario;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.MANUAL));
        control = new SandboxControl(sandbox.baseUri());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        control.loadScenario(scenario);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        sandbox.close();
    }

    /** The CLI as this OAuth client, with its home and audit database under {@code home}. */
    CliRun as(Path home, String clientId, String secret) {
        return new CliRun(home).credentials(sandbox.baseUri().toString(), clientId, secret)
                .env("UNSTUCK_AUDIT_DB", home.resolve("audit.db").toString());
    }

    /** The sandbox's base URI, for control calls the typed control does not offer (faults, the request log). */
    java.net.URI baseUri() {
        return sandbox.baseUri();
    }

    SandboxControl control() {
        return control;
    }

    String id(String label) {
        return guest(label).id();
    }

    boolean ended(String label) {
        return guest(label).ended();
    }

    long endedCount() {
        return control.conversations().stream().filter(SandboxControl.GuestInfo::ended).count();
    }

    private SandboxControl.GuestInfo guest(String label) {
        return control.conversations().stream().filter(c -> c.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no guest labelled " + label + " in the scenario"));
    }
}
