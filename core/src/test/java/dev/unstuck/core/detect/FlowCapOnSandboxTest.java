package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A looper at the in-queue flow cap: Architect opens no more flows, the conversation does not end, the
 * guest waits on with its passes long out of the loop window. Detection must still call it looping,
 * from the conversation API and from analytics alike.
 */
class FlowCapOnSandboxTest {

    /** Only the caps can call it looping: loop passes out of reach, waits of a day allowed. */
    private static final QueuePolicy CAPS_ONLY = QueuePolicy.defaults().withLoop(50, Duration.ofHours(1)).withMaxWait(Duration.ofHours(24));

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.of(ScenarioBuilder.seed(11)
            .role("operator", "conversation:communication:disconnect", "conversation:communication:view",
                    "analytics:conversationDetail:view", "routing:queue:view")
            .client("op", "op-secret", "operator").queues("Support")
            .guests(ScenarioBuilder.Guest.looping("looper").queue("Support").ageSeconds(900).passes(7)));

    @Test
    void aGuestWaitingAtTheInQueueFlowCapIsSeenAsLoopingFromTheConversationApi() {
        String id = sandbox.conversationId("looper");
        reachTheCapAndWaitTwoHours();
        GenesysClient client = sandbox.client("op", "op-secret");

        Guest guest = Guest.of(client.conversation(id).orElseThrow());

        assertThat(guest.flowPasses()).isEqualTo(10);
        assertThat(guest.waitingSince()).as("still in the queue").isPresent();
        for (double share : List.of(0.8, 1.0)) {
            Verdict verdict = Classifier.classify(guest, Policy.of(CAPS_ONLY.withNearCaps(share)), now());
            assertThat(verdict).as("nearCaps %s", share).isInstanceOfSatisfying(Verdict.End.class, end -> {
                assertThat(end.reason()).isEqualTo(Reason.LOOPING);
                assertThat(end.detail()).startsWith("10 flow passes");
            });
        }
    }

    @Test
    void aSweepFindsTheGuestAtTheInQueueFlowCapInAnalytics() {
        String id = sandbox.conversationId("looper");
        reachTheCapAndWaitTwoHours();
        GenesysClient client = sandbox.client("op", "op-secret");
        Clock clock = Clock.fixed(now(), ZoneOffset.UTC);

        SweepReport report = new Sweep(client, new Engine(client, event -> { }, EnginePolicy.lean()), clock)
                .run(Policy.of(CAPS_ONLY.withNearCaps(1.0)), new SweepRequest(true, List.of(), "", "core-test"), SweepListener.SILENT);

        assertThat(report.handled()).singleElement().satisfies(h -> {
            assertThat(h.finding().conversationId()).isEqualTo(id);
            assertThat(h.finding().why()).isEqualTo("looping");
        });
    }

    private void reachTheCapAndWaitTwoHours() {
        sandbox.advance(3 * 120 + 5);
        String id = sandbox.conversationId("looper");
        assertThat(sandbox.conversation(id).path("flowPasses").asInt()).isEqualTo(10);
        sandbox.advance(2 * 3600);
        assertThat(sandbox.conversation(id).path("ended").asBoolean()).isFalse();
        assertThat(sandbox.conversation(id).path("waiting").asBoolean()).isTrue();
    }

    private Instant now() {
        return sandbox.control().now();
    }
}
