package dev.unstuck.app;

import dev.unstuck.sandbox.junit.ChildProcess;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code unstuck} run as its own process, as an operator runs it ({@code java -cp <the tests' class path>
 * dev.unstuck.app.Main ...}), for the tests that kill it, stop it or run several at once, through the
 * test kit's one runner ({@link ChildProcess}).
 */
public final class UnstuckProcess {
    // A test's child runs for seconds: the quick compiler alone and the serial collector start it sooner
    // and leave the other core to the test and the tests beside it (nothing here measures its speed).
    private static final List<String> QUICK_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private UnstuckProcess() {
    }

    /**
     * Writes {@code home/unstuck.yaml} for such a process: one org {@code org} at {@code region} signing in as
     * {@code clientId} (with a request budget no test reaches), the audit in {@code home/audit.db}, and
     * {@code more} (top-level YAML, e.g. a {@code detection:} block, or nothing). Answers the file.
     */
    public static Path config(Path home, String org, URI region, String clientId, String secret, String more) throws IOException {
        Path config = home.resolve("unstuck.yaml");
        Files.writeString(config, """
                orgs:
                  %s:
                    region: %s
                    clientId: %s
                    clientSecret: %s
                    requestsPerMinute: 100000
                audit:
                  db: %s
                """.formatted(org, region, clientId, secret, home.resolve("audit.db")) + more);
        return config;
    }

    /** {@code unstuck args...} with these variables added to the test's environment; standard error merged. */
    public static ChildProcess unstuck(Map<String, String> env, List<String> args) {
        return ChildProcess.java(Main.class.getName()).jvmOptions(QUICK_JVM).env(env).args(args).start();
    }

    /** As {@link #unstuck(Map, List)}, with standard error kept apart in {@link ChildProcess#errors()}. */
    public static ChildProcess unstuckWithErrorsApart(Map<String, String> env, List<String> args) {
        return ChildProcess.java(Main.class.getName()).jvmOptions(QUICK_JVM).env(env).args(args).errorsApart().start();
    }
}
