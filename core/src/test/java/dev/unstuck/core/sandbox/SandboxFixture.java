package dev.unstuck.core.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.core.genesys.Sleeper;
import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sandbox on the manual clock with the core test scenario, and its control API. Clients made here
 * never really wait: their sleeper moves the sandbox clock instead, so a Retry-After is honoured in
 * sandbox time and the test stays fast.
 */
public final class SandboxFixture implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sandbox sandbox;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Duration> slept = new CopyOnWriteArrayList<>();

    private SandboxFixture(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    public static SandboxFixture start() {
        return start(resource("/engine-scenario.json"));
    }

    public static SandboxFixture start(String scenario) {
        return new SandboxFixture(Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.MANUAL).withScenario(scenario)));
    }

    public String baseUrl() {
        String uri = sandbox.baseUri().toString();
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

    public String conversationId(String label) {
        for (JsonNode c : get("/sandbox/v1/scenario").path("conversations")) {
            if (c.path("label").asText().equals(label)) {
                return c.path("id").asText();
            }
        }
        throw new IllegalArgumentException("no conversation labelled " + label);
    }

    public String queueId(String name) {
        for (JsonNode q : get("/sandbox/v1/scenario").path("queues")) {
            if (q.path("name").asText().equals(name)) {
                return q.path("id").asText();
            }
        }
        throw new IllegalArgumentException("no queue named " + name);
    }

    /** {@code {queueId, name, waiting, lingering}} of one queue. */
    public JsonNode queueStats(String queueName) {
        JsonNode stats = get("/sandbox/v1/queues/stats");
        JsonNode list = stats.isArray() ? stats : stats.path("queues");
        for (JsonNode q : list) {
            if (q.path("name").asText().equals(queueName)) {
                return q;
            }
        }
        throw new IllegalArgumentException("no stats for queue " + queueName + ": " + stats);
    }

    public record LoggedRequest(String method, String path, int status, String clientId, String correlationId) {
    }

    public List<LoggedRequest> requests() {
        JsonNode log = get("/sandbox/v1/requests");
        JsonNode list = log.isArray() ? log : log.path("requests");
        List<LoggedRequest> out = new ArrayList<>();
        for (JsonNode r : list) {
            out.add(new LoggedRequest(r.path("method").asText(), r.path("path").asText(), r.path("status").asInt(),
                    r.path("clientId").asText(""), r.path("correlationId").asText("")));
        }
        return out;
    }

    public void clearRequests() {
        send("DELETE", "/sandbox/v1/requests", null);
    }

    public void advance(long seconds) {
        send("POST", "/sandbox/v1/clock/advance", "{\"seconds\":" + seconds + "}");
    }

    public void action(String conversationId, String action, String agent, String when) {
        send("POST", "/sandbox/v1/conversations/" + conversationId + "/actions",
                "{\"action\":\"" + action + "\",\"agent\":\"" + agent + "\",\"when\":\"" + when + "\"}");
    }

    public void faults(String json) {
        send("PUT", "/sandbox/v1/faults", json);
    }

    public void revokeTokens() {
        send("POST", "/sandbox/v1/tokens/revoke", "{}");
    }

    public void settings(String json) {
        send("PATCH", "/sandbox/v1/settings", json);
    }

    /** The sandbox's own view: {@code {id, label, kind, queueId, ended, waiting, lingering, participants}}. */
    public JsonNode conversation(String id) {
        for (JsonNode c : get("/sandbox/v1/conversations")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        JsonNode all = get("/sandbox/v1/conversations");
        for (JsonNode c : all.path("conversations")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no conversation " + id);
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public JsonNode put(String path, String json) {
        return send("PUT", path, json);
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    /** Any control call with a JSON body, e.g. {@code /sandbox/v1/notifications/drop}; its JSON answer. */
    public JsonNode post(String path, String json) {
        return send("POST", path, json);
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = SandboxFixture.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
