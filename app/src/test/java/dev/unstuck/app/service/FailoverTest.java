package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.app.Scenarios;
import dev.unstuck.app.TestPostgres;
import dev.unstuck.app.UnstuckProcess;
import dev.unstuck.app.store.ApiTokens;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditLocation;
import dev.unstuck.app.store.SharedConnection;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import dev.unstuck.sandbox.junit.ChildProcess;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two {@code unstuck serve} processes on one PostgreSQL and two orgs: each org is watched by one of
 * them; {@code kill -9} of the holder hands its orgs to the other within 30 s, and guests that cross
 * maxWait during and after the failover are ended, none twice, none missed.
 */
@Order(1) // a long class (two serve processes, a lease to expire) starts first
class FailoverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("on http://[^:]+:(\\d+)");

    @TempDir
    Path home;

    @RegisterExtension
    static final SandboxExtension east = new SandboxExtension(scenario("east-ops", 11));

    @RegisterExtension
    static final SandboxExtension west = new SandboxExtension(scenario("west-ops", 12));

    final TestPostgres postgres = TestPostgres.start();
    final HttpClient http = HttpClient.newHttpClient();
    final List<Replica> replicas = new ArrayList<>();
    String viewer;

    static ScenarioBuilder scenario(String clientId, int seed) {
        return Scenarios.operatorOrg(seed, clientId, "secret").queues("Support").agents("Ana Agent")
                .guests(Guest.liveAgent("live").queue("Support").agent("Ana Agent").ageSeconds(3000),
                        Guest.waiting("young").queue("Support").ageSeconds(30));
    }

    /** One serve process and what it printed. */
    record Replica(ChildProcess process) {
        List<String> lines() {
            return process.lines();
        }

        int port() {
            for (String line : lines()) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            return -1;
        }
    }

    @BeforeEach
    void start() throws Exception {
        try (AuditDatabase db = AuditDatabase.open(AuditLocation.parse(postgres.url()));
             SharedConnection c = SharedConnection.open(db.location())) {
            viewer = new ApiTokens(c).create("failover-test-" + System.nanoTime(), "viewer", "test", Clock.systemUTC().instant());
        }
    }

    @AfterEach
    void stop() {
        replicas.forEach(r -> r.process().close());
        postgres.close();
    }

    private Replica serve(String logFormat) throws Exception {
        Path config = home.resolve("unstuck.yaml");
        Files.writeString(config, """
                orgs:
                  east: {region: "%s", clientId: east-ops, clientSecret: secret}
                  west: {region: "%s", clientId: west-ops, clientSecret: secret}
                detection:
                  maxWait: 10m
                  minAge: 1m
                """.formatted(east.baseUri(), west.baseUri()));
        ChildProcess process = UnstuckProcess.unstuck(Map.of(), List.of("serve", "--config", config.toString(), "--port", "0",
                "--host", "127.0.0.1", "--audit-db", postgres.url(), "--log-format", logFormat));
        Replica replica = new Replica(process);
        replicas.add(replica);
        await().atMost(Duration.ofSeconds(60)).until(() -> replica.port() > 0 || !process.isAlive());
        assertThat(process.isAlive()).as(process.output()).isTrue();
        return replica;
    }

    private List<String> watchedBy(Replica replica) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + "/api/v1/orgs"))
                    .header("Authorization", "Bearer " + viewer).build(), HttpResponse.BodyHandlers.ofString());
            List<String> orgs = new ArrayList<>();
            for (JsonNode org : JSON.readTree(answer.body()).path("orgs")) {
                if (org.path("watchedHere").asBoolean() && org.path("channelConnected").asBoolean()) {
                    orgs.add(org.path("org").asText());
                }
            }
            return orgs;
        } catch (Exception e) {
            return List.of();
        }
    }

    @Test
    void theSurvivorTakesTheDeadHoldersOrgsAndEndsEveryGuestOnce() throws Exception {
        Replica first = serve("human");
        await().atMost(Duration.ofSeconds(60)).until(() -> watchedBy(first).size() == 2);
        Replica second = serve("json");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> watchedBy(second).isEmpty());
        assertThat(watchedBy(first)).containsExactlyInAnyOrder("east", "west");

        first.process().kill(); // kill -9: no shutdown hook, no lease given up
        first.process().waitFor(Duration.ofSeconds(60));
        arrive(east, "during"); // past maxWait while nobody watches
        arrive(west, "during");

        await().atMost(Duration.ofSeconds(30)).until(() -> watchedBy(second).size() == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(east, "during") && ended(west, "during"));
        arrive(east, "after"); // past maxWait under the new holder
        arrive(west, "after");
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(east, "after") && ended(west, "after"));

        second.process().terminate(); // SIGTERM: a graceful stop that gives up the leases
        assertThat(second.process().waitFor(Duration.ofSeconds(60))).as(second.process().output()).isTrue();
        assertThat(second.process().exitValue()).as("a stop asked for is a success").isZero();
        assertThat(second.lines()).as(String.join("\n", second.lines())).anyMatch(l -> l.contains(" stopped\""))
                .noneMatch(l -> l.contains("Exception"));

        String during = guestId(east, "during");
        JsonNode logged = second.lines().stream().filter(l -> l.startsWith("{") && l.contains(during)).map(FailoverTest::json)
                .filter(j -> j.path("org").asText().equals("east"))
                .findFirst().orElseThrow(() -> new AssertionError("no JSON log line about " + during + ":\n" + String.join("\n", second.lines())));
        assertThat(logged.path("org").asText()).isEqualTo("east");
        assertThat(logged.path("conversationId").asText()).isEqualTo(during);
        assertThat(logged.path("log.level").asText()).isEqualTo("INFO");
        for (SandboxExtension org : List.of(east, west)) {
            assertThat(ended(org, "live")).isFalse();
            assertThat(ended(org, "young")).isFalse();
            for (String label : List.of("during", "after")) {
                String id = guestId(org, label);
                long patches = org.control().requests().stream().filter(r -> r.method().equals("PATCH")
                        && r.path().contains(id) && r.status() < 300).count();
                assertThat(patches).as(label + ": one PATCH per leg, queue leg then customer leg, once").isEqualTo(2);
            }
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    /** A guest that has waited past maxWait (10m) arrives in the org's queue. */
    private static void arrive(SandboxExtension org, String label) {
        org.control().addGuests(Guest.waiting(label).queue("Support").ageSeconds(700).json());
    }

    private static String guestId(SandboxExtension org, String label) {
        return org.control().conversationId(label);
    }

    private static boolean ended(SandboxExtension org, String label) {
        return org.control().ended(label);
    }
}
