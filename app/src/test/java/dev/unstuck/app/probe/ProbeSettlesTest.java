package dev.unstuck.app.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What `unstuck probe` records to settle UNCONFIRMED rows, against the sandbox whose settings say what the
 * answers must come to: deltas against the probe's clock (here the sandbox's), shapes, never values.
 */
class ProbeSettlesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension(scenario());

    private JsonNode settle(boolean askTooMany) throws Exception {
        GenesysClient client = GenesysClient.create(Region.parse(sandbox.baseUri().toString()), new Credentials("probe", "probe-secret"),
                ClientSettings.defaults().withRequestsPerMinute(60_000));
        Probe probe = new Probe(client, JSON, sandbox.control().clock());
        probe.run();
        return probe.settle(askTooMany);
    }

    private long setting(String name) {
        return sandbox.control().settings("{}").path(name).asLong();
    }

    @Test
    void recordsHowFarTheJobsAvailabilityDateTrailsNow() throws Exception {
        JsonNode jobs = settle(false).path("jobsAvailability");

        assertThat(jobs.path("status").asInt()).isEqualTo(200);
        assertThat(jobs.path("behindSeconds").asLong()).isEqualTo(setting("analyticsJobAvailabilityLagSeconds"));
    }

    @Test
    void recordsHowFarTheNewestMomentAnalyticsKnowsTrailsNow() throws Exception {
        sandbox.control().settings("{\"analyticsLagSeconds\": 0}");
        sandbox.control().addGuests(Guest.waiting("just-now").json());
        assertThat(settle(false).path("ingest").path("newestBehindSeconds").asLong()).isZero();

        sandbox.control().settings("{\"analyticsLagSeconds\": 30}");
        assertThat(settle(false).path("ingest").path("newestBehindSeconds").asLong()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void recordsEachRoutesRateLimitHeadersWithItsLimitAndReset() throws Exception {
        JsonNode limits = settle(false).path("rateLimits");

        List<String> calls = new ArrayList<>();
        limits.forEach(route -> calls.add(route.path("call").asText()));
        assertThat(calls).contains("GET /api/v2/tokens/me", "POST /api/v2/analytics/conversations/details/query",
                "GET /api/v2/analytics/conversations/details/jobs/availability");
        assertThat(limits).allSatisfy(route -> {
            assertThat(route.path("headers").toString()).contains("inin-ratelimit-allowed");
            assertThat(route.path("allowed").asLong()).isPositive();
            assertThat(route.path("reset").path("inSeconds").asLong()).isBetween(0L, 3600L);
        });
        assertThat(limits.toString()).doesNotContain("\"count\"");
    }

    @Test
    void theTooManyBodyIsAskedOnlyWhenTheUserSaysSoAndKeepsItsWordingWithoutNumbers() throws Exception {
        sandbox.control().settings("{\"analyticsMaxMatches\": 1}");

        JsonNode notAsked = settle(false).path("tooMany");
        JsonNode asked = settle(true).path("tooMany");

        assertThat(notAsked.path("asked").asBoolean()).isFalse();
        assertThat(notAsked.has("status")).isFalse();
        assertThat(asked.path("asked").asBoolean()).isTrue();
        assertThat(asked.path("status").asInt()).isEqualTo(502);
        assertThat(asked.path("messageTemplate").asText()).isNotBlank().doesNotContainPattern("\\d");
        assertThat(asked.path("shape").path("message").asText()).isEqualTo("string");
    }

    static String scenario() {
        try (InputStream in = ProbeSettlesTest.class.getResourceAsStream("/probe-scenario.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
