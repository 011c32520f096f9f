package dev.unstuck.app.cli;

import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.junit.SandboxExtension;
import java.nio.file.Path;

/**
 * The sandbox's own JUnit extension ({@link SandboxExtension}: one sandbox per class, manual clock, the
 * scenario loaded afresh before every test) plus what only CLI tests need: the CLI run as one of the
 * scenario's OAuth clients. Register it as a static field with {@code @RegisterExtension}.
 */
final class SandboxOrg extends SandboxExtension {
    SandboxOrg(String scenario) {
        super(scenario);
    }

    SandboxOrg(ScenarioBuilder scenario) {
        super(scenario);
    }

    /** The CLI as this OAuth client, with its home and audit database under {@code home}. */
    CliRun as(Path home, String clientId, String secret) {
        return new CliRun(home).credentials(baseUri().toString(), clientId, secret)
                .env("UNSTUCK_AUDIT_DB", home.resolve("audit.db").toString());
    }

    String id(String label) {
        return control().conversationId(label);
    }

    boolean ended(String label) {
        return control().ended(label);
    }

    long endedCount() {
        return control().conversations().stream().filter(SandboxClient.Guest::ended).count();
    }
}
