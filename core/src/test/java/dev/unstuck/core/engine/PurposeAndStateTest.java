package dev.unstuck.core.engine;

import dev.unstuck.core.conversation.LegState;
import dev.unstuck.core.conversation.Purpose;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PurposeAndStateTest {

    @ParameterizedTest
    @CsvSource({
            "customer, CUSTOMER", "external, CUSTOMER", "workflow, FLOW", "ivr, FLOW", "inbound, FLOW", "botflow, FLOW",
            "acd, ACD", "agent, AGENT", "user, AGENT", "Agent, AGENT", "voicemail, OTHER", "'', OTHER"})
    void mapsTheApisPurposeStrings(String api, Purpose expected) {
        assertThat(Purpose.fromApi(api)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "alerting, ALERTING, true", "offering, ALERTING, true", "connected, CONNECTED, true", "parked, PARKED, true",
            "disconnected, DISCONNECTED, false", "terminated, TERMINATED, false", "none, OTHER, true"})
    void mapsTheApisLegStates(String api, LegState expected, boolean active) {
        assertThat(LegState.fromApi(api)).isEqualTo(expected);
        assertThat(LegState.fromApi(api).active()).isEqualTo(active);
    }
}
