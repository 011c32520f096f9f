package dev.unstuck.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Speaks to the sandbox's control API (`/sandbox/v1`) over HTTP, the same door tests and users use:
 * what the demo shows of queues and guests comes from there, not from the sandbox's objects.
 */
public final class SandboxControl {
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    public SandboxControl(URI base) {
        this.base = base;
    }

    public record QueueStats(String queueId, String name, int waiting, int lingering) {}

    public record GuestInfo(String id, String label, String kind, String queueId, boolean ended) {}

    public List<QueueStats> queueStats() {
        List<QueueStats> stats = new ArrayList<>();
        for (JsonNode q : get("/sandbox/v1/queues/stats")) {
            stats.add(new QueueStats(q.path("queueId").asText(), q.path("name").asText(), q.path("waiting").asInt(),
                    q.path("lingering").asInt()));
        }
        return stats;
    }

    public List<GuestInfo> conversations() {
        List<GuestInfo> guests = new ArrayList<>();
        for (JsonNode c : get("/sandbox/v1/conversations")) {
            guests.add(new GuestInfo(c.path("id").asText(), c.path("label").asText(), c.path("kind").asText(),
                    c.path("queueId").asText(), c.path("ended").asBoolean()));
        }
        return guests;
    }

    /** Replaces the sandbox's whole state with a scenario (JSON, see docs/sandbox.md). */
    public void loadScenario(String scenarioJson) {
        send(HttpRequest.newBuilder(base.resolve("/sandbox/v1/scenario")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(scenarioJson)).build());
    }

    /** The sandbox's clock (manual or real): what "now" is for the guests' ages. */
    public java.time.Instant now() {
        JsonNode clock = get("/sandbox/v1/clock");
        return java.time.Instant.parse(clock.path("now").asText());
    }

    /** Moves a manual clock on; timers (loops, lingering) fire as it passes them. */
    public void advance(Duration by) {
        send(HttpRequest.newBuilder(base.resolve("/sandbox/v1/clock/advance")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"seconds\":" + by.toSeconds() + "}")).build());
    }

    public JsonNode scenarioSummary() {
        return get("/sandbox/v1/scenario");
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private JsonNode send(HttpRequest request) {
        String path = request.method() + " " + request.uri().getPath();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the sandbox's control API failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the sandbox", e);
        }
    }
}
