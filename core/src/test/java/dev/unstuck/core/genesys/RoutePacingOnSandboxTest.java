package dev.unstuck.core.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.sandbox.client.SandboxClient.LoggedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client learns a route's limit from Genesys' headers and paces within it. The sandbox keeps its
 * default limits (300 a minute per token, 180 per route); time moves only when the client waits, and
 * then by exactly what it waits, on the sandbox's clock and the client's alike.
 */
class RoutePacingOnSandboxTest {
    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.engineScenario();
    private final AtomicLong virtualNanos = new AtomicLong();
    private final List<CallRecord> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        sandbox.settings("{\"rateLimitPerMinute\": 300, \"resourceRateLimitPercent\": 60}");
    }

    private GenesysClient client() throws UnknownRegionException {
        Sleeper movesTime = duration -> {
            long millis = (duration.toNanos() + 999_999) / 1_000_000;
            if (millis > 0) {
                sandbox.control().call("POST", "/clock/advance", String.format(Locale.ROOT, "{\"seconds\": %.3f}", millis / 1000.0));
                virtualNanos.addAndGet(millis * 1_000_000);
            }
        };
        GenesysClient client = GenesysClient.create(Region.parse(sandbox.baseUrl()), new Credentials("core-operator", "operator-secret"),
                ClientSettings.defaults(), movesTime, Clock.systemUTC(), virtualNanos::get);
        client.onCall(calls::add);
        return client;
    }

    @Test
    void aRouteLimitedBelowTheBudgetIsPacedWithinItAndMeetsNo429() throws Exception {
        GenesysClient client = client();
        String id = sandbox.conversationId("waiting-1");

        for (int i = 0; i < 200; i++) {
            assertThat(client.conversation(id)).isPresent();
        }

        String path = "/api/v2/conversations/messages/" + id;
        assertThat(client.learnedRouteLimit("GET", path)).contains(180);
        assertThat(calls).filteredOn(c -> c.path().equals(path)).hasSize(200).extracting(CallRecord::status).containsOnly(200);
        List<LoggedRequest> gets = sandbox.requests().stream().filter(r -> r.path().equals(path)).toList();
        assertThat(mostInAMinute(gets)).isLessThanOrEqualTo(180);
        assertThat(Duration.ofNanos(virtualNanos.get())).as("200 calls at 180 a minute").isGreaterThan(Duration.ofSeconds(60));
    }

    private static int mostInAMinute(List<LoggedRequest> requests) {
        int most = 0;
        for (int start = 0; start < requests.size(); start++) {
            int inMinute = 0;
            for (LoggedRequest r : requests.subList(start, requests.size())) {
                if (r.time().isBefore(requests.get(start).time().plusSeconds(60))) {
                    inMinute++;
                }
            }
            most = Math.max(most, inMinute);
        }
        return most;
    }
}
