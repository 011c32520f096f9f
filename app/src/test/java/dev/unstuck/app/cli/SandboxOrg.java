package dev.unstuck.app.cli;

import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.junit.SandboxExtension;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The sandbox's own JUnit extension ({@link SandboxExtension}: one sandbox per class, manual clock, the
 * scenario loaded afresh before every test) plus what only CLI tests need: the CLI run as one of the
 * scenario's OAuth clients. Register it as a static field with {@code @RegisterExtension}.
 */
final class SandboxOrg implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final SandboxExtension sandbox;

    SandboxOrg(String scenario) {
        this.sandbox = new SandboxExtension(scenario);
    }

    SandboxOrg(ScenarioBuilder scenario) {
        this(scenario.json());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        sandbox.beforeEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        sandbox.afterAll(context);
    }

    /** The CLI as this OAuth client, with its home and audit database under {@code home}. */
    CliRun as(Path home, String clientId, String secret) {
        return new CliRun(home).credentials(sandbox.baseUri().toString(), clientId, secret)
                .env("UNSTUCK_AUDIT_DB", home.resolve("audit.db").toString());
    }

    URI baseUri() {
        return sandbox.baseUri();
    }

    SandboxClient control() {
        return sandbox.control();
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
