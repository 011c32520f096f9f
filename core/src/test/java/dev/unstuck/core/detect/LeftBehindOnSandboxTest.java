package dev.unstuck.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.core.conversation.Purpose;
import dev.unstuck.core.engine.Cause;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.engine.Step;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.core.sandbox.SandboxFixture;
import dev.unstuck.core.sandbox.Scenarios;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an ending cut short leaves behind, and what a sweep makes of it: the stranded rule (customer
 * connected, nothing holding it) and verification that believes only a conversation Genesys shows ended.
 */
class LeftBehindOnSandboxTest {

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.of(Scenarios.operatorOrg(13).queues("Support", "Billing").agents("Ana Agent")
            .guests(Guest.waiting("long-1").queue("Support").ageSeconds(5400),
                    Guest.waiting("long-2").queue("Billing").ageSeconds(5400),
                    Guest.offered("offered").queue("Support").agent("Ana Agent").ageSeconds(600),
                    Guest.acw("acw").queue("Support").agent("Ana Agent").ageSeconds(7200),
                    Guest.liveAgent("live").queue("Support").agent("Ana Agent").ageSeconds(7200)));

    @Test
    void aGuestHalfEndedByA500OnTheCustomerLegIsFoundStrandedByTheNextSweepAndEnded() {
        String id = sandbox.conversationId("long-1");
        sandbox.faults("{\"status\": 500, \"count\": 1, \"pathPattern\": \"/participants/" + leg(id, "customer") + "$\"}");

        SweepReport first = sweep(sandbox.operator());

        assertThat(outcomeOf(first, id)).isInstanceOf(Outcome.Failed.class);
        assertThat(state(id, "customer")).isEqualTo("connected");
        assertThat(state(id, "acd")).isEqualTo("disconnected");

        sandbox.advance(121); // orphanAfter (2m): Genesys had its moment to move the guest on
        SweepReport second = sweep(sandbox.operator());

        SweepReport.Handled stranded = handled(second, id);
        assertThat(stranded.finding().why()).isEqualTo("stranded");
        assertThat(stranded.outcome()).isInstanceOf(Outcome.Ended.class);
        assertThat(ended(id)).isTrue();
        assertThat(second.confirmed()).isEqualTo(1);
    }

    @Test
    void aQueueLegPatchThatTimedOutButWasAppliedIsLookedAtAgainAndTheGuestEndedInTheSameSweep() throws Exception {
        String id = sandbox.conversationId("long-2");
        String acd = leg(id, "acd");
        // Genesys applies the PATCH, then answers long after the client's timeout: the engine records the
        // act as unknown and looks again, so the guest is not left half-ended (were the look to fail too,
        // the next sweep would find it stranded, as after the 500 above).
        sandbox.faults("{\"kind\": \"appliedLate\", \"holdMs\": 20000, \"count\": 1, \"pathPattern\": \"/participants/" + acd + "$\"}");
        GenesysClient impatient = impatientClient();

        SweepReport first = sweep(impatient);
        sandbox.control().clearFaults();

        assertThat(outcomeOf(first, id)).isInstanceOf(Outcome.Ended.class);
        assertThat(outcomeOf(first, id).steps()).extracting(r -> r.status()).containsExactly(0, 202);
        assertThat(ended(id)).isTrue();
    }

    @Test
    void aGuestLeftWithOnlyARingingOfferIsStrandedAndTheOfferIsEndedBeforeTheCustomer() {
        String id = sandbox.conversationId("offered");
        sandbox.operator().disconnectParticipant(id, leg(id, "acd")); // an ending cut short right after the queue leg
        sandbox.advance(121);

        SweepReport report = sweep(sandbox.operator());

        SweepReport.Handled h = handled(report, id);
        assertThat(h.finding().why()).isEqualTo("stranded");
        assertThat(h.outcome().steps()).extracting(r -> ((Step.DisconnectLeg) r.step()).leg().purpose())
                .containsExactly(Purpose.AGENT, Purpose.CUSTOMER);
        assertThat(ended(id)).isTrue();
        assertThat(ended(sandbox.conversationId("live"))).isFalse();
    }

    @Test
    void anAgentInAfterCallWorkKeepsItsConversationOutOfTheStrandedRule() {
        String acw = sandbox.conversationId("acw");

        SweepReport report = sweep(sandbox.operator());

        assertThat(report.handled()).noneMatch(h -> h.finding().conversationId().equals(acw));
        assertThat(report.left()).filteredOn(f -> f.conversationId().equals(acw)).singleElement()
                .satisfies(f -> assertThat(f.why()).isEqualTo("not-in-queue"));
        assertThat(ended(acw)).isFalse();
        assertThat(sandbox.requests()).noneMatch(r -> r.method().equals("PATCH") && r.path().contains(acw));
    }

    @Test
    void anOfferArrivingAfterTheLeanLookIsCaughtByVerificationAndEndedToo() {
        String id = sandbox.conversationId("long-1");
        sandbox.action(id, "offerAgent", "Ana Agent", "afterNextRead"); // the offer lands between the look and the acts

        SweepReport report = sweep(sandbox.operator());

        assertThat(ended(id)).isTrue();
        assertThat(agentStates(id)).containsOnly("disconnected");
        assertThat(report.notEnded()).isEmpty();
        assertThat(report.confirmed()).isEqualTo((int) report.ended());
        assertThat(outcomeOf(report, id)).isInstanceOf(Outcome.Ended.class);
    }

    @Test
    void aConversationStillOpenAfterVerificationIsReportedNotEndedNeverVerified() {
        String id = sandbox.conversationId("long-1");
        sandbox.action(id, "offerAgent", "Ana Agent", "afterNextRead");
        // The late offer's leg cannot be ended either: any participant PATCH but the guest's own legs fails.
        String known = String.join("|", legs(id));
        sandbox.faults("{\"status\": 500, \"count\": 100, \"pathPattern\": \"/messages/" + id + "/participants/(?!" + known + ")[^/]+$\"}");

        SweepReport report = sweep(sandbox.operator());

        assertThat(ended(id)).isFalse();
        assertThat(report.notEnded()).containsExactly(id);
        assertThat(outcomeOf(report, id)).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.cause()).isInstanceOf(Cause.StillActive.class));
        assertThat(report.ended()).isEqualTo(report.confirmed());
    }

    @Test
    void anOfferLeftRingingAfterTheGuestIsGoneIsFoundStrandedByTheNextSweepAndEnded() {
        // ChaosTest's race, step by step: the offer lands between the lean look and the acts, the guest's
        // legs are ended, and verification's PATCH of the offer meets a 500; the next sweep must find it.
        String id = sandbox.conversationId("long-1");
        sandbox.action(id, "offerAgent", "Ana Agent", "afterNextRead");
        String known = String.join("|", legs(id));
        sandbox.faults("{\"status\": 500, \"count\": 1, \"pathPattern\": \"/messages/" + id + "/participants/(?!" + known + ")[^/]+$\"}");

        SweepReport first = sweep(sandbox.operator());
        sandbox.control().clearFaults();

        assertThat(first.notEnded()).containsExactly(id);
        assertThat(state(id, "customer")).isEqualTo("disconnected");
        assertThat(state(id, "acd")).isEqualTo("disconnected");
        assertThat(agentStates(id)).containsExactly("alerting");

        sandbox.advance(121); // orphanAfter (2m): the platform had its moment to withdraw the offer; nothing did
        SweepReport second = sweep(sandbox.operator());

        SweepReport.Handled stranded = handled(second, id);
        assertThat(stranded.finding().why()).isEqualTo("stranded");
        assertThat(stranded.finding().verdict().detail()).startsWith("customer gone, an agent offer still ringing");
        assertThat(stranded.outcome()).isInstanceOf(Outcome.Ended.class);
        assertThat(stranded.outcome().steps()).extracting(r -> ((Step.DisconnectLeg) r.step()).leg().purpose())
                .containsExactly(Purpose.AGENT);
        assertThat(ended(id)).isTrue();
        assertThat(second.notEnded()).isEmpty();
        assertThat(second.confirmed()).isEqualTo(1);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private SweepReport sweep(GenesysClient client) {
        Engine engine = new Engine(client, event -> { }, EnginePolicy.lean());
        Clock clock = Clock.fixed(sandbox.control().now(), ZoneOffset.UTC);
        return new Sweep(client, engine, clock).run(Policy.defaults(), new SweepRequest(false, List.of(), "left behind", "core-test"),
                SweepListener.SILENT);
    }

    /** Gives up on a request after a second, once: what a slow PATCH looks like to a client with a short timeout. */
    private GenesysClient impatientClient() throws Exception {
        return GenesysClient.create(Region.parse(sandbox.baseUrl()), new Credentials("core-operator", "operator-secret"),
                ClientSettings.defaults().withRequestsPerMinute(60_000).withRequestTimeout(Duration.ofSeconds(1)).withMaxAttempts(1),
                d -> { }, Clock.systemUTC());
    }

    private static SweepReport.Handled handled(SweepReport report, String id) {
        return report.handled().stream().filter(h -> h.finding().conversationId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " was not handled; left: " + report.left()));
    }

    private static Outcome outcomeOf(SweepReport report, String id) {
        return handled(report, id).outcome();
    }

    private List<String> legs(String id) {
        return sandbox.conversation(id).path("participants").findValuesAsText("id");
    }

    /** The id of the conversation's latest leg of this purpose. */
    private String leg(String id, String purpose) {
        String found = null;
        for (JsonNode p : sandbox.conversation(id).path("participants")) {
            if (p.path("purpose").asText().equals(purpose)) {
                found = p.path("id").asText();
            }
        }
        return found;
    }

    private String state(String id, String purpose) {
        String state = null;
        for (JsonNode p : sandbox.conversation(id).path("participants")) {
            if (p.path("purpose").asText().equals(purpose)) {
                state = p.path("state").asText();
            }
        }
        return state;
    }

    private List<String> agentStates(String id) {
        List<String> states = new java.util.ArrayList<>();
        for (JsonNode p : sandbox.conversation(id).path("participants")) {
            if (p.path("purpose").asText().equals("agent")) {
                states.add(p.path("state").asText());
            }
        }
        return states;
    }

    private boolean ended(String id) {
        return sandbox.conversation(id).path("ended").asBoolean();
    }
}
