package dev.unstuck.core.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.core.genesys.Sleeper;
import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.junit.SandboxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The sandbox's own JUnit extension ({@link SandboxExtension}: one sandbox per class, manual clock, the
 * scenario loaded afresh before every test unless {@link #loadedOnce()}) with what core tests need: Genesys
 * clients of the scenario and its typed control client ({@link #control()}). Clients made here never
 * really wait: their sleeper moves the sandbox clock instead, so a Retry-After is honoured in sandbox time
 * and the test stays fast. Register it as a static field:
 * {@code @RegisterExtension static final SandboxFixture sandbox = SandboxFixture.of(SCENARIO);}
 */
public final class SandboxFixture extends SandboxExtension {

    private final List<Duration> slept = new CopyOnWriteArrayList<>();

    private SandboxFixture(String scenario, boolean loadOnce) {
        super(scenario, ClockMode.MANUAL, loadOnce);
    }

    /** On core's engine scenario ({@code engine-scenario.json}: core-operator, core-viewer, core-admin). */
    public static SandboxFixture engineScenario() {
        return of(resource("/engine-scenario.json"));
    }

    public static SandboxFixture of(String scenario) {
        return new SandboxFixture(scenario, false);
    }

    public static SandboxFixture of(ScenarioBuilder scenario) {
        return of(scenario.json());
    }

    /** The same, with the scenario loaded once for the class (see {@link SandboxExtension#loadedOnce()}). */
    @Override
    public SandboxFixture loadedOnce() {
        return new SandboxFixture(scenario(), true);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        super.beforeEach(context);
        slept.clear();
    }

    public String baseUrl() {
        String uri = baseUri().toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** A client of the test scenario ({@code core-operator}, {@code core-viewer}, {@code core-admin}). */
    public GenesysClient client(String clientId, String secret) {
        return client(clientId, secret, ClientSettings.defaults().withRequestsPerMinute(60_000));
    }

    /** As {@link #client(String, String)}, with the settings given (short timeouts for the fault tests). */
    public GenesysClient client(String clientId, String secret, ClientSettings settings) {
        Sleeper advancesSandboxClock = duration -> {
            slept.add(duration);
            // Rate-limiter spacing (milliseconds) is not time the sandbox needs to see; Retry-After and back-off are.
            long seconds = duration.toMillis() < 100 ? 0 : (duration.toMillis() + 999) / 1000;
            if (seconds > 0) {
                advance(seconds);
            }
        };
        try {
            return GenesysClient.create(Region.parse(baseUrl()), new Credentials(clientId, secret),
                    settings, advancesSandboxClock, Clock.systemUTC());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public GenesysClient operator() {
        return client("core-operator", "operator-secret");
    }

    /** What the clients' sleepers were asked to wait. */
    public List<Duration> slept() {
        return List.copyOf(slept);
    }

    /** The id of the scenario conversation with that label. */
    public String conversationId(String label) {
        for (JsonNode c : control().scenario().path("conversations")) {
            if (c.path("label").asText().equals(label)) {
                return c.path("id").asText();
            }
        }
        throw new IllegalArgumentException("no conversation labelled " + label);
    }

    public String queueId(String name) {
        return control().queueId(name);
    }

    /** How many guests wait in the queue named, and how many queue entries linger behind ended customers. */
    public SandboxClient.QueueStats queueStats(String queueName) {
        return control().queueStats().stream().filter(q -> q.name().equals(queueName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stats for queue " + queueName));
    }

    public List<SandboxClient.LoggedRequest> requests() {
        return control().requests();
    }

    public void clearRequests() {
        control().clearRequests();
    }

    public void advance(long seconds) {
        control().advance(Duration.ofSeconds(seconds));
    }

    public Instant now() {
        return control().now();
    }

    public void action(String conversationId, String action, String agent, String when) {
        control().act(conversationId, action, Optional.of(agent), when);
    }

    public void faults(String json) {
        control().faults(json);
    }

    public void revokeTokens() {
        control().revokeTokens();
    }

    public void settings(String json) {
        control().settings(json);
    }

    /** The sandbox's own view as listed: {@code {id, label, kind, queueId, ended, waiting, lingering, participants}}. */
    public JsonNode conversation(String id) {
        for (JsonNode c : control().call("GET", "/conversations", null)) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no conversation " + id);
    }

    private static String resource(String name) {
        try (InputStream in = SandboxFixture.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
