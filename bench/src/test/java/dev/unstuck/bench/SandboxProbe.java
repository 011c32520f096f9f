package dev.unstuck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.client.SandboxClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What the bench reads of the sandbox, through its control client: the referee, not a contestant. */
final class SandboxProbe {
    private final URI base;
    private final SandboxClient control;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    SandboxProbe(URI base) {
        this.base = base;
        // Orgs of tens of thousands of guests: loading and listing them takes longer than a test's.
        this.control = new SandboxClient(base).withTimeout(Duration.ofMinutes(2));
    }

    /** The sandbox's control client, with time enough for the bench's large orgs. */
    SandboxClient control() {
        return control;
    }

    /**
     * The counts a run is judged by, read after it.
     *
     * @param requestsLost the request log overflowed between two reads: calls, 429s and 409s are lower bounds
     */
    record Tally(int calls, int status429, int status409, int lingering, int stuckEnded, int stuckLeft, int liveEnded,
                 int healthyEnded, boolean requestsLost) {}

    void load(String scenario) {
        control.loadScenario(scenario);
        control.clearRequests();
    }

    /** The tally of a run short enough for one read of the request log. */
    Tally tally() {
        RequestLedger requests = new RequestLedger(this);
        requests.read();
        return tally(requests);
    }

    /** The tally of a run whose answers {@code requests} kept as it went. */
    Tally tally(RequestLedger requests) {
        requests.read();
        int lingering = 0;
        for (SandboxClient.QueueStats q : control.queueStats()) {
            lingering += q.lingering();
        }
        int stuckEnded = 0;
        int stuckLeft = 0;
        int liveEnded = 0;
        int healthyEnded = 0;
        for (SandboxClient.Guest c : control.conversations()) {
            String label = c.label();
            boolean ended = c.ended();
            if (label.startsWith("stuck-")) {
                stuckEnded += ended ? 1 : 0;
                stuckLeft += ended ? 0 : 1;
            } else if (label.startsWith("live")) {
                liveEnded += ended ? 1 : 0;
            } else if (label.startsWith("healthy")) {
                healthyEnded += ended ? 1 : 0;
            }
        }
        return new Tally(requests.calls(), requests.withStatus(429), requests.withStatus(409), lingering, stuckEnded, stuckLeft, liveEnded,
                healthyEnded, requests.lost());
    }

    /** A token for the bench client (the throughput load uses it). */
    String token(String clientId, String secret) {
        String basic = java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/oauth/token")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        return read(request).path("access_token").asText();
    }

    /** The raw body of a Genesys GET, for the stub to answer with the same bytes. */
    String body(String path, String token) {
        return get(path, token).toString();
    }

    /** A Genesys-facing GET with the bench client's token, as any client would read it. */
    JsonNode get(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).GET().build();
        return read(request);
    }

    private JsonNode read(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri().getPath() + " answered " + response.statusCode());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
