package dev.unstuck.sandbox.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The typed client of the sandbox's control API ({@code /sandbox/v1}), shipped with the sandbox as
 * WireMock ships its admin client: tests, the demo and the bench set the stage and read it through this
 * one door, over HTTP, exactly as a user would with curl. It knows nothing of the sandbox's classes.
 */
public final class SandboxClient {
    /** Where the control API lives under the sandbox's base URL, for help texts and messages that show it. */
    public static final String PATH = "/sandbox/v1";
    private static final String BASE = PATH;

    private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** A client of the sandbox at {@code base} (e.g. {@code http://127.0.0.1:8089}); each call may take 30 seconds. */
    public SandboxClient(URI base) {
        this(base, Duration.ofSeconds(30));
    }

    private SandboxClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    /**
     * The same client with a longer (or shorter) time per call: an org of tens of thousands of guests
     * takes longer to load or list than a test's.
     */
    public SandboxClient withTimeout(Duration perCall) {
        return new SandboxClient(base, perCall);
    }

    public URI base() {
        return base;
    }

    /** The control API's own address (the base URL with {@link #PATH}), as a user would curl it. */
    public URI controlUri() {
        return base.resolve(PATH);
    }

    /** A guest as the control API lists it. */
    public record Guest(String id, String label, String kind, String queueId, boolean ended) {
    }

    /** A queue's waiting guests and lingering queue entries (a queue leg left behind an ended customer). */
    public record QueueStats(String queueId, String name, int waiting, int lingering) {
    }

    /** One call to the Genesys-facing API, as the sandbox logged it. */
    public record LoggedRequest(Instant time, String method, String path, int status, String clientId, String correlationId) {
    }

    /** The control API refused a call (a wrong scenario, an unknown conversation…). */
    public static final class ControlError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        ControlError(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    // ---- the org ------------------------------------------------------------------------------

    /** Replaces the sandbox's whole state with a scenario (JSON, see docs/sandbox.md). */
    public void loadScenario(String scenarioJson) {
        call("POST", "/scenario", scenarioJson, timeout.compareTo(SCENARIO_TIMEOUT) > 0 ? timeout : SCENARIO_TIMEOUT);
    }

    /** The org, queues, agents, clients, roles and conversations of the loaded scenario. */
    public JsonNode scenario() {
        return call("GET", "/scenario", null);
    }

    public String queueId(String name) {
        for (JsonNode q : scenario().path("queues")) {
            if (q.path("name").asText().equals(name)) {
                return q.path("id").asText();
            }
        }
        throw new ControlError(404, "no queue named " + name);
    }

    public List<Guest> conversations() {
        List<Guest> guests = new ArrayList<>();
        for (JsonNode c : call("GET", "/conversations", null)) {
            guests.add(new Guest(c.path("id").asText(), c.path("label").asText(), c.path("kind").asText(), c.path("queueId").asText(),
                    c.path("ended").asBoolean()));
        }
        return guests;
    }

    /** The first guest with that label (a scenario entry with a count labels them {@code label#1}, {@code label#2}…). */
    public Optional<Guest> guest(String label) {
        return conversations().stream().filter(g -> g.label().equals(label)).findFirst();
    }

    public String conversationId(String label) {
        return guest(label).map(Guest::id).orElseThrow(() -> new ControlError(404, "no guest labelled " + label));
    }

    /** One conversation with its legs (purpose, state, queue, agent, wrap-up), waiting and lingering. */
    public JsonNode conversation(String id) {
        return call("GET", "/conversations/" + id, null);
    }

    public boolean ended(String label) {
        return conversation(conversationId(label)).path("ended").asBoolean();
    }

    /** Adds guests (one scenario guest entry, JSON); answers the ids of those added. */
    public JsonNode addGuests(String guestJson) {
        return call("POST", "/conversations", guestJson);
    }

    /**
     * Makes something happen to a conversation: {@code offer-agent}, {@code connect-agent}, {@code requeue}…
     * ({@code agent} may be empty); {@code when} is {@code now} or {@code after-next-read} (a race).
     */
    public JsonNode act(String conversationId, String action, Optional<String> agent, String when) {
        String body = "{\"action\":" + quote(action) + ",\"when\":" + quote(when) + agent.map(a -> ",\"agent\":" + quote(a)).orElse("") + "}";
        return call("POST", "/conversations/" + conversationId + "/actions", body);
    }

    /**
     * Freezes the conversation's analytics record now: analytics shows what it shows now, for ever; the
     * conversation API goes on. End the conversation afterwards and analytics keeps it open: a ghost.
     */
    public JsonNode freezeAnalytics(String conversationId) {
        return act(conversationId, "freezeAnalytics", Optional.empty(), "now");
    }

    public List<QueueStats> queueStats() {
        List<QueueStats> stats = new ArrayList<>();
        for (JsonNode q : call("GET", "/queues/stats", null)) {
            stats.add(new QueueStats(q.path("queueId").asText(), q.path("name").asText(), q.path("waiting").asInt(), q.path("lingering").asInt()));
        }
        return stats;
    }

    // ---- the clock ----------------------------------------------------------------------------

    public Instant now() {
        return Instant.parse(call("GET", "/clock", null).path("now").asText());
    }

    /**
     * The sandbox's time as a {@link Clock}, read over the control API at each {@code instant()}: for code
     * under test that must judge ages, tokens and timers on the sandbox's manual clock, not the machine's.
     */
    public Clock clock() {
        return new Clock() {
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
                return now();
            }
        };
    }

    /** Moves a manual clock on (refused on a real clock). */
    public void advance(Duration by) {
        call("POST", "/clock/advance", "{\"seconds\":" + by.toSeconds() + "}");
    }

    // ---- what was asked of the Genesys API ----------------------------------------------------

    public List<LoggedRequest> requests() {
        List<LoggedRequest> out = new ArrayList<>();
        for (JsonNode r : call("GET", "/requests", null)) {
            out.add(new LoggedRequest(Instant.parse(r.path("time").asText()), r.path("method").asText(), r.path("path").asText(),
                    r.path("status").asInt(), r.path("clientId").asText(), r.path("correlationId").asText()));
        }
        return out;
    }

    public void clearRequests() {
        call("DELETE", "/requests", null);
    }

    // ---- faults, settings, tokens -------------------------------------------------------------

    /** Sets the faults (JSON, see docs/sandbox.md: status, rate, paths, latency, kinds…). */
    public void faults(String faultsJson) {
        call("PUT", "/faults", faultsJson);
    }

    public void clearFaults() {
        call("DELETE", "/faults", null);
    }

    /** Changes settings (JSON of the fields to change, see docs/sandbox.md). */
    public JsonNode settings(String changesJson) {
        return call("PATCH", "/settings", changesJson);
    }

    /** Revokes every token issued so far (clients must log in again). */
    public int revokeTokens() {
        return call("POST", "/tokens/revoke", "{}").path("revoked").asInt();
    }

    /**
     * Disables ({@code inactive}, {@code disabled}) or enables ({@code active}) an OAuth client, as an
     * administrator does in Admin > OAuth: a client not active gets no token and its tokens are revoked.
     */
    public void clientState(String clientId, String state) {
        call("PATCH", "/clients/" + clientId, "{\"state\":" + quote(state) + "}");
    }

    /** Takes a permission (as the role lists it) from a role; in force {@code permissionChangeDelaySeconds} later, when this answers. */
    public Instant takePermission(String role, String permission) {
        return Instant.parse(call("PATCH", "/roles/" + role, "{\"take\":[" + quote(permission) + "]}").path("effectiveAt").asText());
    }

    /** Gives a role a permission; in force {@code permissionChangeDelaySeconds} later, when this answers. */
    public Instant givePermission(String role, String permission) {
        return Instant.parse(call("PATCH", "/roles/" + role, "{\"give\":[" + quote(permission) + "]}").path("effectiveAt").asText());
    }

    // ---- the notification stream --------------------------------------------------------------

    /** A notification channel as the sandbox sees it: whose, whether a socket is open, its topics. */
    public record NotificationChannel(String id, String clientId, boolean connected, Instant expires, Instant tokenExpires, List<String> topics) {
    }

    public List<NotificationChannel> channels() {
        List<NotificationChannel> out = new ArrayList<>();
        for (JsonNode c : call("GET", "/notifications/channels", null)) {
            List<String> topics = new ArrayList<>();
            c.path("topics").forEach(t -> topics.add(t.asText()));
            out.add(new NotificationChannel(c.path("id").asText(), c.path("clientId").asText(), c.path("connected").asBoolean(),
                    Instant.parse(c.path("expires").asText()), Instant.parse(c.path("tokenExpires").asText()), List.copyOf(topics)));
        }
        return out;
    }

    /** Drops the socket of one channel (or, with an empty id, of every channel) without a close frame; answers how many. */
    public int dropChannels(Optional<String> channelId) {
        return call("POST", "/notifications/drop", channelBody(channelId, "")).path("channels").asInt();
    }

    /** Sends the platform's "socket closing" notice (and with {@code close}, closes the socket) to one channel or all. */
    public int socketClosing(Optional<String> channelId, boolean close) {
        return call("POST", "/notifications/socket-closing", channelBody(channelId, close ? "\"close\":true" : "")).path("channels").asInt();
    }

    /** Sends "no longer subscribed" and forgets the channel's topics, for one channel or all. */
    public int noLongerSubscribed(Optional<String> channelId) {
        return call("POST", "/notifications/no-longer-subscribed", channelBody(channelId, "")).path("channels").asInt();
    }

    /** Sends "token revoked" and closes the socket, for one channel or all. */
    public int tokenRevoked(Optional<String> channelId) {
        return call("POST", "/notifications/token-revoked", channelBody(channelId, "")).path("channels").asInt();
    }

    /** Delays every event by {@code delay} and loses the next {@code dropNext} events. */
    public void notificationFaults(Duration delay, int dropNext) {
        call("PUT", "/notifications/faults", "{\"delaySeconds\":" + delay.toMillis() / 1000.0 + ",\"dropNext\":" + dropNext + "}");
    }

    public void clearNotificationFaults() {
        call("DELETE", "/notifications/faults", null);
    }

    private String channelBody(Optional<String> channelId, String more) {
        String id = channelId.map(c -> "\"channelId\":" + quote(c)).orElse("");
        return "{" + id + (!id.isEmpty() && !more.isEmpty() ? "," : "") + more + "}";
    }

    // ---- anything else ------------------------------------------------------------------------

    /** Any control call under {@code /sandbox/v1} (e.g. {@code /notifications/drop}), with a JSON body or none. */
    public JsonNode call(String method, String path, String body) {
        return call(method, path, body, timeout);
    }

    private JsonNode call(String method, String path, String body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(BASE + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                String message = response.body();
                try {
                    message = json.readTree(response.body()).path("message").asText(response.body());
                } catch (IOException notJson) {
                    // keep the raw text
                }
                throw new ControlError(response.statusCode(), method + " " + BASE + path + ": " + response.statusCode() + " " + message);
            }
            return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + BASE + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String quote(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
