package dev.unstuck.app.demo;

import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditLocation;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The demo's own temporary folder, written by this run only: a config file for the user's CLI and the audit database. */
final class DemoWorkspace {
    private final Path folder;

    private DemoWorkspace(Path folder) {
        this.folder = folder;
    }

    static DemoWorkspace create() throws IOException {
        return new DemoWorkspace(Files.createTempDirectory("unstuck-demo-"));
    }

    Path folder() {
        return folder;
    }

    /** A config file that points the CLI at the sandbox with the demo's client and the demo's policy. */
    Path writeConfig(URI region, String secret) throws IOException {
        Path config = folder.resolve("demo.yaml");
        Files.writeString(config, String.join("\n",
                "# written by 'unstuck demo' for its sandbox; delete at will",
                "defaultOrg: demo",
                "orgs:",
                "  demo:",
                "    region: " + region,
                "    clientId: " + DemoScenario.CLIENT,
                "    clientSecret: " + secret,
                "detection:",
                "  maxWait: " + DemoRun.MAX_WAIT.toMinutes() + "m",
                "  minAge: 1m",
                "audit:",
                "  db: " + folder.resolve("audit.db"),
                ""));
        return config;
    }

    AuditDatabase openAudit() throws AuditDatabase.AuditUnavailable {
        return AuditDatabase.open(AuditLocation.parse(folder.resolve("audit.db").toString()));
    }

    void remove() throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
