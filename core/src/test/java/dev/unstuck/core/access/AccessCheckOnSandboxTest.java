package dev.unstuck.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.sandbox.SandboxFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccessCheckOnSandboxTest {

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.engineScenario();

    @Test
    void aClientWithoutDisconnectIsShownTheEndFix() {
        AccessReport report = AccessCheck.run(sandbox.client("core-viewer", "viewer-secret"));

        assertThat(report.clientId()).isEqualTo("core-viewer");
        assertThat(report.clientName()).isEqualTo("core viewer");
        assertThat(report.roles()).extracting(RoleGrant::name).containsExactly("viewer");
        CapabilityStatus end = report.status(Capability.END);
        assertThat(end.ok()).isFalse();
        assertThat(end.missing()).containsExactly("conversation:communication:disconnect");
        assertThat(end.fix()).isEqualTo("add permission conversation:communication:disconnect to role viewer"
                + " of OAuth client core viewer (Admin > Roles/Permissions)");
        assertThat(report.status(Capability.INSPECT).ok()).isTrue();
        assertThat(report.allOk()).isFalse();
    }

    @Test
    void theOperatorRoleCoversEverything() {
        AccessReport report = AccessCheck.run(sandbox.operator());

        assertThat(report.capabilities()).allSatisfy(c -> assertThat(c.ok()).as(c.capability().name()).isTrue());
    }

    @Test
    void wildcardPermissionsCountAsGranted() {
        AccessReport report = AccessCheck.run(sandbox.client("core-admin", "admin-secret"));

        assertThat(report.status(Capability.END).ok()).isTrue();
        assertThat(report.status(Capability.DETECT).ok()).isTrue();
    }
}
