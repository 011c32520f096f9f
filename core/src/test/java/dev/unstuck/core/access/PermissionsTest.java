package dev.unstuck.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PermissionsTest {

    @ParameterizedTest
    @CsvSource({
            "conversation:communication:disconnect, conversation:communication:disconnect, true",
            "conversation:*:*, conversation:communication:disconnect, true",
            "conversation:communication:*, conversation:communication:disconnect, true",
            "*, analytics:conversationDetail:view, true",
            "conversation:*:view, conversation:communication:disconnect, false",
            "conversation:communication:view, conversation:communication:disconnect, false",
            "analytics:*:*, conversation:communication:disconnect, false",
            "conversation:*, conversation:communication:disconnect, false",
            "Analytics:ConversationDetail:View, analytics:conversationDetail:view, true"})
    void wildcardsCoverWhatTheyShould(String granted, String required, boolean covered) {
        assertThat(Permissions.covers(granted, required)).isEqualTo(covered);
    }

    @Test
    void findsPermissionNamesInA403Message() {
        assertThat(Permissions.findIn("You are missing the following permission(s): conversation:communication:disconnect"))
                .containsExactly("conversation:communication:disconnect");
    }

    @Test
    void theEndCapabilityNamesTheMissingPermissionAndTheRoleToAddItTo() {
        CapabilityStatus status = CapabilityStatus.of(Capability.END, List.of("conversation:communication:view"),
                "unstuck demo", List.of("viewer"));

        assertThat(status.ok()).isFalse();
        assertThat(status.missing()).containsExactly("conversation:communication:disconnect");
        assertThat(status.fix()).isEqualTo("add permission conversation:communication:disconnect to role viewer"
                + " of OAuth client unstuck demo (Admin > Roles/Permissions)");
    }

    @Test
    void aClientWithoutRolesIsToldToAssignOne() {
        CapabilityStatus status = CapabilityStatus.of(Capability.END, List.of(), "c", List.of());

        assertThat(status.fix()).startsWith("assign a role that has permission conversation:communication:disconnect");
    }

    @Test
    void aWildcardGrantSatisfiesTheCapability() {
        CapabilityStatus status = CapabilityStatus.of(Capability.END, List.of("conversation:*:*"), "c", List.of("admin"));

        assertThat(status.ok()).isTrue();
        assertThat(status.fix()).isEmpty();
    }
}
