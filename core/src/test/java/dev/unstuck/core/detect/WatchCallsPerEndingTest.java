package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.core.sandbox.Scenarios;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a watch spends per guest it ends, at steady state (connected and scanned), counted from the
 * sandbox's request log: the engine's look and one PATCH per active leg; the stream's next event shows
 * the conversation ended, so no verification call is needed.
 */
class WatchCallsPerEndingTest {

    private static final int CROSSING = 10;

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.of(Scenarios.operatorOrg(14).queues("Support", "Billing").agents("Ana Agent")
            .guests(crossing(CROSSING))
            .guests(Guest.liveAgent("live").queue("Support").agent("Ana Agent").ageSeconds(3000), Guest.waiting("fine").queue("Billing").ageSeconds(150)));

    private WatchRun run;
    private Watch watch;
    private List<Finding> handled;
    private List<Outcome> outcomes;

    @BeforeEach
    void start() {
        Policy policy = Policy.of(QueuePolicy.defaults().withMaxWait(Duration.ofMinutes(10)).withMinAge(Duration.ofMinutes(1)));
        run = new WatchRun(sandbox, EnginePolicy.lean(), policy, Watch.Settings.defaults(), "watch calls test");
        watch = run.watch;
        handled = run.handled;
        outcomes = run.outcomes;
    }

    /** {@code n} guests in Support whose queue wait (age - 5 s of flow) crosses 600 s at 10 + 5 i seconds from now. */
    static List<Guest> crossing(int n) {
        List<Guest> guests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            guests.add(Guest.waiting("cross-" + i).queue("Support").ageSeconds(595 - 5 * i));
        }
        return guests;
    }

    @AfterEach
    void stop() throws InterruptedException {
        run.close();
    }

    @Test
    void spendsAtMostThreeCallsPerEndedGuestAtSteadyState() {
        sandbox.clearRequests();

        for (int second = 5; second <= 70; second += 5) {
            sandbox.advance(5);
            int crossed = crossedBy(second);
            // Steady state: the watch keeps up, and the stream's events arrive in (real) milliseconds.
            await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == crossed && watch.awaitingConfirmation() == 0);
        }
        assertThat(endedCrossing()).isEqualTo(CROSSING);
        sandbox.advance(15); // past the time the stream has to confirm; anything unconfirmed would be verified now
        await().atMost(Duration.ofSeconds(20)).until(() -> watch.awaitingConfirmation() == 0);

        List<SandboxClient.LoggedRequest> calls = sandbox.requests();
        Map<String, Long> byKind = calls.stream().collect(Collectors.groupingBy(r -> r.method() + " " + shape(r.path()), Collectors.counting()));
        assertThat(calls.size()).as("Genesys calls for %d ended guests: %s; in order: %s", CROSSING, byKind, calls.stream().map(r -> r.method().charAt(0) + shape(r.path()).substring(8)).toList()).isLessThanOrEqualTo(3 * CROSSING);
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(Outcome.Ended.class));
        assertThat(ended("live") || ended("fine")).isFalse();
    }

    @Test
    void anOfferArrivingAfterTheLookIsCaughtWhenTheStreamDoesNotShowTheEndAndIsEndedToo() {
        String first = sandbox.conversationId("cross-0");
        sandbox.action(first, "offerAgent", "Ana Agent", "afterNextRead");

        sandbox.advance(15); // cross-0 crosses maxWait; the offer lands between the look and the PATCHes
        await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() >= 1);
        sandbox.advance(15); // the stream showed an agent alerting, not an end: verification finishes it
        await().atMost(Duration.ofSeconds(20)).until(() -> ended("cross-0") && watch.awaitingConfirmation() == 0);

        for (JsonNode p : sandbox.conversation(first).path("participants")) {
            assertThat(p.path("state").asText()).as(p.path("purpose").asText()).isEqualTo("disconnected");
        }
    }

    /** Guest i's queue wait passes 600 s once more than 10 + 5 i seconds have gone by. */
    private static int crossedBy(int second) {
        int n = 0;
        for (int i = 0; i < CROSSING; i++) {
            n += 10 + 5 * i < second ? 1 : 0;
        }
        return n;
    }

    private static String shape(String path) {
        return path.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}");
    }

    private long endedCrossing() {
        return sandbox.control().conversations().stream().filter(g -> g.label().startsWith("cross-") && g.ended()).count();
    }

    private boolean ended(String label) {
        return sandbox.conversation(sandbox.conversationId(label)).path("ended").asBoolean();
    }
}
