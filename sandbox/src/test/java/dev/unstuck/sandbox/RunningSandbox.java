package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.junit.SandboxExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A sandbox spoken to over plain HTTP as any client would: the one a test class takes from
 * {@link SandboxExtension}, or, for the tests of the sandbox's own start-up, one started by hand (a free
 * port, the manual clock) and closed by the test.
 */
final class RunningSandbox implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Optional<Sandbox> started;
    final HttpClient http = HttpClient.newHttpClient();

    RunningSandbox(String scenario) {
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.MANUAL).withScenario(scenario));
        this.base = sandbox.baseUri();
        this.started = Optional.of(sandbox);
    }

    /** The extension's sandbox, which the extension stops. */
    RunningSandbox(SandboxExtension org) {
        this(org.baseUri());
    }

    /** A sandbox someone else stops. */
    RunningSandbox(URI base) {
        this.base = base;
        this.started = Optional.empty();
    }

    URI baseUri() {
        return base;
    }

    /** The extension for a class of this package's tests: the scenario a resource holds, loaded before each test object is built. */
    static SandboxExtension extension(String resourceName) {
        return new SandboxExtension(resource(resourceName)).loadedBeforeFields();
    }

    static RunningSandbox withTestScenario() {
        return new RunningSandbox(resource("/test-scenario.json"));
    }

    static String resource(String name) {
        try (InputStream in = RunningSandbox.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    /** An answer with its body parsed when it is JSON. */
    record Reply(int status, HttpResponse<String> response, JsonNode json) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isBlank() ? JSON.nullNode() : parse(r.body());
            return new Reply(r.statusCode(), r, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    Reply tokenRequest(String clientId, String secret, String grantType) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/oauth/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + grantType)));
    }

    String token(String clientId, String secret) {
        Reply r = tokenRequest(clientId, secret, "client_credentials");
        if (r.status() != 200) {
            throw new IllegalStateException("token request failed: " + r.status() + " " + r.json());
        }
        return r.json().get("access_token").asText();
    }

    String operatorToken() {
        return token("operator", "operator-secret");
    }

    Reply get(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET());
    }

    Reply patch(String path, String token, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply post(String path, String token, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply put(String path, String token, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply delete(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).DELETE());
    }

    Reply control(String method, String path, String body) {
        // The sandbox's own tests check the control API's HTTP answers (status, body), so this speaks raw HTTP, not SandboxClient.
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return send(HttpRequest.newBuilder(uri("/sandbox/v1" + path)).header("Content-Type", "application/json").method(method, publisher));
    }

    void advance(long seconds) {
        Reply r = control("POST", "/clock/advance", "{\"seconds\": " + seconds + "}");
        if (r.status() != 200) {
            throw new IllegalStateException("advance failed: " + r.json());
        }
    }

    java.time.Instant now() {
        return java.time.Instant.parse(control("GET", "/clock", null).json().get("now").asText());
    }

    /**
     * Moves the clock to the next 12:00 UTC and loads {@code scenario} there, so guests' ages fall on a
     * known day whatever the wall clock said (the clock outlives a scenario).
     */
    java.time.Instant reloadAtNoon(String scenario) {
        java.time.Instant now = now();
        java.time.Instant noon = now.atOffset(java.time.ZoneOffset.UTC).toLocalDate().atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
        if (noon.isBefore(now)) {
            noon = noon.plus(java.time.Duration.ofDays(1));
        }
        control("POST", "/clock/advance", "{\"seconds\": " + (java.time.Duration.between(now, noon).toMillis() / 1000.0) + "}");
        Reply loaded = control("POST", "/scenario", scenario);
        if (loaded.status() != 200) {
            throw new IllegalStateException("scenario refused: " + loaded.json());
        }
        return noon;
    }

    JsonNode controlConversation(String id) {
        return control("GET", "/conversations/" + id, null).json();
    }

    JsonNode queueStats(String queueId) {
        for (JsonNode q : control("GET", "/queues/stats", null).json()) {
            if (q.get("queueId").asText().equals(queueId)) {
                return q;
            }
        }
        throw new IllegalStateException("no queue " + queueId);
    }

    @Override
    public void close() {
        started.ifPresent(Sandbox::close);
    }
}
