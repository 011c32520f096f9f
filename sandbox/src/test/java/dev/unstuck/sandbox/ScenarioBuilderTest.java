package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Client;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import dev.unstuck.sandbox.client.ScenarioBuilder.Queue;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scenario builder writes an org the sandbox loads as written: its queues, clients, flows and guests of each kind. */
class ScenarioBuilderTest {
    private static final ScenarioBuilder ORG = ScenarioBuilder.seed(7).org("Builder Org", "").setting("rateLimitPerMinute", 100_000)
            .divisions("Home", "EMEA")
            .role("operator", "conversation:*:*", "analytics:*:*")
            .client("ops", "ops-secret", "operator")
            .client(Client.of("emea", "emea-secret").name("EMEA ops").role("operator", "EMEA").tokenLifetimeSeconds(600))
            .flow("Support in-queue flow")
            .queues("Billing")
            .queue(Queue.named("Support").id("q-support").inQueueFlow("Support in-queue flow"))
            .queue(Queue.named("Support EMEA").division("EMEA"))
            .agents("Ana Agent")
            .guests(Guest.waiting("old").queue("Support").ageSeconds(4000),
                    Guest.looping("loop").queue("Support").ageSeconds(1500).passes(3),
                    Guest.liveAgent("live").queue("Billing").agent("Ana Agent").ageSeconds(300),
                    Guest.ghost("ghost").queue("Support EMEA").ageSeconds(3600),
                    Guest.waiting("young").queue("Billing").ageSeconds(20).count(2));

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension(ORG);

    @Test
    void theSandboxLoadsTheOrgAsBuilt() {
        JsonNode scenario = sandbox.control().scenario();

        assertThat(scenario.path("org").path("name").asText()).isEqualTo("Builder Org");
        assertThat(names(scenario.path("queues"))).containsExactly("Billing", "Support", "Support EMEA");
        assertThat(sandbox.control().queueId("Support")).isEqualTo("q-support");
        assertThat(names(scenario.path("clients"))).containsExactly("ops", "EMEA ops");
        assertThat(names(scenario.path("divisions"))).containsExactly("Home", "EMEA");
    }

    @Test
    void eachGuestHasItsKindQueueAndCount() {
        SandboxClient control = sandbox.control();
        Map<String, String> kinds = control.conversations().stream()
                .collect(Collectors.toMap(SandboxClient.Guest::label, SandboxClient.Guest::kind));

        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of("old", "waiting", "loop", "looping", "live", "live-agent",
                "ghost", "ghost", "young#1", "waiting", "young#2", "waiting"));
        assertThat(control.guest("old").orElseThrow().queueId()).isEqualTo("q-support");
        assertThat(control.conversation(control.conversationId("loop")).path("flowPasses").asInt()).isEqualTo(3);
    }

    @Test
    void aGuestAloneIsAnEntryTheControlApiAdds() {
        sandbox.control().addGuests(Guest.waiting("added").queue("Billing").ageSeconds(60).json());

        assertThat(sandbox.control().guest("added")).hasValueSatisfying(g -> assertThat(g.kind()).isEqualTo("waiting"));
    }

    @Test
    void aMistakeIsTheSandboxsToSayWhere() {
        String wrong = ScenarioBuilder.seed(1).queues("Support").guests(Guest.liveAgent("live").queue("Support")).json();

        assertThatThrownBy(() -> sandbox.control().loadScenario(wrong))
                .hasMessageContaining("guests[0].agent: is required for a live-agent guest");
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.path("name").asText()));
        return names;
    }
}
