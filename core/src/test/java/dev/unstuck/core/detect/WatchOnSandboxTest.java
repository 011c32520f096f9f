package dev.unstuck.core.detect;

import java.util.Optional;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.core.sandbox.Scenarios;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The watch on the sandbox's manual clock: time moves only when the test says, and the sandbox sends
 * a heartbeat every 30 s of it, so "within one event" is exact.
 */
class WatchOnSandboxTest {

    /** Ten minutes in a queue, three queue entries in an hour; a minute of grace for the young. */
    private static final Policy POLICY = Policy.of(QueuePolicy.defaults().withMaxWait(Duration.ofMinutes(10))
            .withMinAge(Duration.ofMinutes(1)));

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.of(Scenarios.operatorOrg(5).setting("loopIntervalSeconds", 120)
            .queues("Support", "Billing").agents("Ana Agent")
            .guests(Guest.waiting("almost").queue("Support").ageSeconds(580),
                    Guest.looping("loop").queue("Support").ageSeconds(200).passes(2),
                    Guest.waiting("fine").queue("Billing").ageSeconds(150),
                    Guest.liveAgent("live").queue("Support").agent("Ana Agent").ageSeconds(3000)));
    private WatchRun run;
    private Watch watch;
    private List<Finding> handled;
    private List<Outcome> outcomes;
    private AtomicInteger connects;
    private AtomicInteger scans;
    private List<String> troubles;

    @BeforeEach
    void start() {
        run = new WatchRun(sandbox, EnginePolicy.defaults(), POLICY, Watch.Settings.defaults(), "watch test");
        watch = run.watch;
        handled = run.handled;
        outcomes = run.outcomes;
        connects = run.connects;
        scans = run.scans;
        troubles = run.troubles;
        await().atMost(Duration.ofSeconds(20)).until(this::channelConnected);
    }

    @AfterEach
    void stop() throws InterruptedException {
        run.close();
    }

    @Test
    void endsAGuestWithinOneEventOfCrossingMaxWait() {
        assertThat(ended("almost")).isFalse();

        sandbox.advance(30); // 610 s waiting: over maxWait; the heartbeat is the one event

        await().atMost(Duration.ofSeconds(20)).until(() -> ended("almost") && !handled.isEmpty());
        assertThat(handled).extracting(Finding::why).containsExactly("stuck");
        assertThat(ended("fine") || ended("live")).isFalse();
        assertThat(sandbox.queueStats("Support").lingering()).isZero();
    }

    @Test
    void endsALoopWithinOneEventOfItsThirdQueueEntry() {
        // Two passes so far; the sandbox's next pass (flow, then the queue again 5 s later) is the third.
        sandbox.advance(60);
        assertThat(ended("loop")).isFalse();

        sandbox.advance(65);

        // "almost" crosses maxWait in the same advance; wait for the loop's own handling, not the first one.
        await().atMost(Duration.ofSeconds(20)).until(() -> ended("loop") && handled.stream().anyMatch(f -> f.why().equals("looping")));
        assertThat(handled).filteredOn(f -> f.why().equals("looping")).hasSize(1);
        assertThat(thirdEntryEndedImmediately()).isTrue();
    }

    @Test
    void aRejectedOfferIsNotAnEndTheGuestKeepsBeingWatched() {
        String almost = sandbox.conversationId("almost");
        sandbox.action(almost, "offerAgent", "Ana Agent", "now");
        sandbox.action(almost, "agentRejects", "Ana Agent", "now"); // user.end TRANSFER: the guest still waits

        sandbox.advance(30);

        await().atMost(Duration.ofSeconds(20)).until(() -> ended("almost"));
    }

    @Test
    void recoversFromADroppedSocketAndTheScanFindsWhatTheStreamMissed() {
        // Events are lost while a long-waiting guest arrives, then the socket drops.
        sandbox.control().notificationFaults(Duration.ZERO, 1000);
        sandbox.control().addGuests(Guest.waiting("missed").queue("Billing").ageSeconds(7200).json());
        sandbox.control().dropChannels(Optional.empty());

        await().atMost(Duration.ofSeconds(20)).until(() -> connects.get() >= 2);
        sandbox.control().clearNotificationFaults();
        sandbox.advance(30);

        await().atMost(Duration.ofSeconds(20)).until(() -> ended("missed"));
        assertThat(ended("fine")).isFalse();
    }

    @Test
    void reconnectsWhenGenesysAnnouncesTheSocketWillClose() {
        sandbox.control().socketClosing(Optional.empty(), true);

        await().atMost(Duration.ofSeconds(20)).until(() -> connects.get() >= 2 && channelConnected());
        sandbox.advance(30);
        await().atMost(Duration.ofSeconds(20)).until(() -> ended("almost"));
    }

    @Test
    void subscribesAgainOnANewChannelWhenTheOldOneLosesItsSubscriptions() {
        sandbox.control().noLongerSubscribed(Optional.empty());

        await().atMost(Duration.ofSeconds(20)).until(() -> connects.get() >= 2 && channelConnected());
        sandbox.advance(30);
        await().atMost(Duration.ofSeconds(20)).until(() -> ended("almost"));
    }

    @Test
    void reconnectsWhenTheTokenBehindTheChannelIsRevoked() {
        sandbox.control().tokenRevoked(Optional.empty());

        await().atMost(Duration.ofSeconds(20)).until(() -> connects.get() >= 2 && channelConnected());
        sandbox.advance(30);
        await().atMost(Duration.ofSeconds(20)).until(() -> ended("almost"));
    }

    @Test
    void aRequeuedGuestIsStillWatchedAndCountedAsAPass() {
        // requeue: one more flow -> queue pass, with the misleading user.end of the field; here the third entry.
        sandbox.action(sandbox.conversationId("loop"), "requeue", "Ana Agent", "now");
        sandbox.advance(5);

        // "almost" crosses maxWait in the same advance; wait for the loop's own handling, not the first one.
        await().atMost(Duration.ofSeconds(20)).until(() -> ended("loop") && handled.stream().anyMatch(f -> f.why().equals("looping")));
        assertThat(handled).filteredOn(f -> f.why().equals("looping")).hasSize(1);
    }

    @Test
    void leavesTheLiveAgentConversationAlone() {
        sandbox.advance(3600);

        await().atMost(Duration.ofSeconds(20)).until(() -> ended("almost") && ended("fine"));
        assertThat(ended("live")).isFalse();
    }

    // ---- stranded: what an ending cut short leaves behind ------------------------------------------

    @Test
    void aGuestHalfEndedByA500OnTheCustomerLegIsFoundByTheWatchAndEnded() {
        String almost = sandbox.conversationId("almost");
        sandbox.faults("{\"status\": 500, \"count\": 1, \"pathPattern\": \"/participants/" + leg(almost, "customer") + "$\"}");

        sandbox.advance(30); // over maxWait: the watch ends the queue leg; the customer leg answers 500
        await().atMost(Duration.ofSeconds(20)).until(() -> !outcomes.isEmpty());
        assertThat(outcomes.get(0)).isInstanceOf(Outcome.Failed.class);
        assertThat(ended("almost")).isFalse();

        sandbox.advance(150); // orphanAfter (2m) since the queue leg ended; heartbeats re-judge the picture
        await().atMost(Duration.ofSeconds(20)).until(() -> ended("almost") && handledOf(almost).size() >= 2);
        assertThat(handledOf(almost)).extracting(Finding::why).containsExactly("stuck", "stranded");
    }

    @Test
    void theReconcilingScanFindsAStrandedGuestTheStreamNeverShowed() {
        sandbox.control().notificationFaults(Duration.ZERO, 1000);
        sandbox.control().addGuests(Guest.waiting("cut").queue("Billing").ageSeconds(200).json());
        String cut = sandbox.conversationId("cut");
        sandbox.operator().disconnectParticipant(cut, leg(cut, "acd")); // another run ended the queue leg and died
        sandbox.advance(10); // analytics trails by 10 s (the sandbox's default): the reconnect's scan comes once the end reached it
        sandbox.control().dropChannels(Optional.empty());
        await().atMost(Duration.ofSeconds(20)).until(() -> connects.get() >= 2 && scans.get() >= 2);
        sandbox.control().clearNotificationFaults();

        sandbox.advance(150);

        await().atMost(Duration.ofSeconds(20)).until(() -> ended("cut") && !handledOf(cut).isEmpty());
        assertThat(handledOf(cut)).extracting(Finding::why).containsExactly("stranded");
        assertThat(ended("fine")).isFalse();
    }

    @Test
    void anOfferLeftRingingAfterTheGuestAndItsQueueLegEndedIsFoundByTheWatchAndEnded() {
        sandbox.control().addGuests("{\"label\": \"raced\", \"kind\": \"waiting\", \"queue\": \"Billing\", \"ageSeconds\": 200}");
        String raced = sandbox.conversationId("raced");
        sandbox.action(raced, "offerAgent", "Ana Agent", "now");
        // Another run ended the guest's legs after an offer raced its look, and died before the offer.
        sandbox.operator().disconnectParticipant(raced, leg(raced, "acd"));
        sandbox.operator().disconnectParticipant(raced, leg(raced, "customer"));
        sandbox.advance(60);
        assertThat(ended("raced")).isFalse();

        sandbox.advance(90); // orphanAfter (2m) since the guest's legs ended; heartbeats re-judge the picture

        await().atMost(Duration.ofSeconds(20)).until(() -> ended("raced") && !handledOf(raced).isEmpty());
        assertThat(handledOf(raced)).extracting(Finding::why).containsExactly("stranded");
        assertThat(ended("fine")).isFalse();
    }

    private List<Finding> handledOf(String id) {
        return handled.stream().filter(f -> f.conversationId().equals(id)).toList();
    }

    private String leg(String id, String purpose) {
        String found = null;
        for (JsonNode p : sandbox.conversation(id).path("participants")) {
            if (p.path("purpose").asText().equals(purpose)) {
                found = p.path("id").asText();
            }
        }
        return found;
    }

    // ---- outages: back-off on the watch's clock, and no channel churn ------------------------------

    @Test
    void anAnalyticsOutageOpensNoNewChannelAndRetriesTheScanOnItsBackOff() {
        sandbox.faults("{\"status\": 500, \"count\": 1000000, \"pathPattern\": \"/analytics/conversations/details/query\"}");
        sandbox.clearRequests();

        sandbox.advance(300); // the next reconciling scan is due now, and fails
        await().atMost(Duration.ofSeconds(20)).until(() -> troubles.size() >= 1);
        for (int second = 5; second <= 300; second += 5) {
            sandbox.advance(5);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> troubles.size() >= 2);

        assertThat(count("POST", "/api/v2/notifications/channels")).as("channels opened during the outage").isZero();
        assertThat(connects.get()).isEqualTo(1);
        // Attempts at 300 s and then after each wait, a wait being at least half of 1 s, 2 s, 4 s ... 60 s.
        assertThat(count("POST", "/api/v2/analytics/conversations/details/query")).isBetween(2, attemptsWithin(300));

        sandbox.control().clearFaults();
        sandbox.advance(60);
        await().atMost(Duration.ofSeconds(20)).until(() -> scans.get() >= 2);
        assertThat(connects.get()).isEqualTo(1);
    }

    @Test
    void aChannelThatCannotBeOpenedIsRetriedOnItsBackOffAndNotInALoop() {
        sandbox.faults("{\"status\": 500, \"count\": 1000000, \"pathPattern\": \"/api/v2/notifications/channels$\"}");
        sandbox.clearRequests();

        sandbox.control().dropChannels(Optional.empty()); // the stream breaks; the first new channel is asked for at once
        await().atMost(Duration.ofSeconds(20)).until(() -> troubles.size() >= 1);
        for (int second = 5; second <= 600; second += 5) {
            sandbox.advance(5);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> troubles.size() >= 2);

        // One at once, then one after each wait of at least half of 1 s, 2 s, 4 s ... 60 s, over 600 s.
        assertThat(count("POST", "/api/v2/notifications/channels")).isBetween(2, 1 + attemptsWithin(600));

        sandbox.control().clearFaults();
        sandbox.advance(60);
        await().atMost(Duration.ofSeconds(20)).until(() -> connects.get() == 2 && channelConnected());
    }

    /** The most attempts that fit in {@code seconds} after a first one, when each wait is at least half of 1 s doubling to 60 s. */
    private static int attemptsWithin(int seconds) {
        int attempts = 1;
        double at = 0;
        double ceiling = 1;
        while (at + ceiling / 2 <= seconds) {
            at += ceiling / 2;
            attempts++;
            ceiling = Math.min(60, ceiling * 2);
        }
        return attempts;
    }

    private long countOf(String method, String path) {
        return sandbox.requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
    }

    private int count(String method, String path) {
        return (int) countOf(method, path);
    }

    private boolean thirdEntryEndedImmediately() {
        JsonNode c = sandbox.conversation(sandbox.conversationId("loop"));
        long acdLegs = 0;
        for (JsonNode p : c.path("participants")) {
            if (p.path("purpose").asText().equals("acd")) {
                acdLegs++;
            }
        }
        return acdLegs == 3;
    }

    private boolean ended(String label) {
        return sandbox.conversation(sandbox.conversationId(label)).path("ended").asBoolean();
    }

    private boolean channelConnected() {
        return sandbox.control().channels().stream().anyMatch(c -> c.connected() && !c.topics().isEmpty());
    }
}
