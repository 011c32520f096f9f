package dev.unstuck.sandbox.junit;

import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

import java.net.URI;
import java.util.Optional;

/**
 * A sandbox for a JUnit 5 test class, as WireMock's extension: started once (manual clock, a free
 * port), stopped after. Before every test, as WireMock resets its stubs and request journal, the faults
 * are cleared, the request log emptied and the scenario loaded afresh, so each test starts from the
 * same org and counts only its own calls.
 * Register it as a static field: {@code @RegisterExtension static SandboxExtension org = new SandboxExtension(SCENARIO);}
 * JUnit is an optional dependency of the sandbox: tests bring it. A module's own extension (core's
 * SandboxFixture, app's SandboxOrg) extends this one with what its tests need.
 */
public class SandboxExtension implements BeforeAllCallback, TestInstancePreConstructCallback, BeforeEachCallback, AfterAllCallback {
    private final String scenario;
    private final ClockMode clock;
    private final boolean loadOnce;
    private final boolean beforeFields;
    private Sandbox sandbox;
    private SandboxClient client;

    public SandboxExtension(String scenario) {
        this(scenario, ClockMode.MANUAL);
    }

    public SandboxExtension(ScenarioBuilder scenario) {
        this(scenario.json(), ClockMode.MANUAL);
    }

    public SandboxExtension(String scenario, ClockMode clock) {
        this(scenario, clock, false);
    }

    /** With {@code loadOnce}, see {@link #loadedOnce()}. */
    protected SandboxExtension(String scenario, ClockMode clock, boolean loadOnce) {
        this(scenario, clock, loadOnce, false);
    }

    private SandboxExtension(String scenario, ClockMode clock, boolean loadOnce, boolean beforeFields) {
        this.scenario = scenario;
        this.clock = clock;
        this.loadOnce = loadOnce;
        this.beforeFields = beforeFields;
    }

    /**
     * The same, with the scenario loaded once for the whole class rather than before every test: for an
     * org of thousands of guests whose tests each leave it as they found it (or load what they need).
     * Faults and the request log are still cleared before every test.
     */
    public SandboxExtension loadedOnce() {
        return new SandboxExtension(scenario, clock, true, false);
    }

    /**
     * The same, with the per-test reset done before the test object is built rather than after: for a
     * class whose fields sign in or read the org when the object is made (a scenario load revokes every
     * token, so a token taken before it would be dead). The class keeps JUnit's default of one test
     * object per test. The reset also closes every notification channel, which outlives a scenario load
     * though its token does not, so a test lists only the channels it opened.
     */
    public SandboxExtension loadedBeforeFields() {
        return new SandboxExtension(scenario, clock, false, true);
    }

    /** The scenario loaded before each test (or once, for the class). */
    protected String scenario() {
        return scenario;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock));
        client = new SandboxClient(sandbox.baseUri());
        if (loadOnce) {
            client.loadScenario(scenario);
        }
    }

    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factory, ExtensionContext context) {
        if (beforeFields) {
            client.socketClosing(Optional.empty(), true);
            reset();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!beforeFields) {
            reset();
        }
    }

    private void reset() {
        // Faults and the request log outlive a scenario load (a test may load several): reset them first.
        client.clearFaults();
        client.clearNotificationFaults();
        client.clearRequests();
        if (!loadOnce) {
            client.loadScenario(scenario);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        sandbox.close();
    }

    /** The base URL of the Genesys-facing API (and of the control API under /sandbox/v1). */
    public URI baseUri() {
        return sandbox.baseUri();
    }

    public SandboxClient control() {
        return client;
    }
}
