package dev.unstuck.app.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the CLI takes from the process (environment, home folder, clock, standard input), passed in
 * so commands can be run in tests exactly as a user runs them.
 */
public record AppContext(Map<String, String> env, Path home, Clock clock, InputStream stdin, boolean interactive) {

    public static AppContext system() {
        return new AppContext(System.getenv(), Path.of(System.getProperty("user.home")), Clock.systemUTC(), System.in,
                System.console() != null);
    }

    /** Who asked for an action, as the audit records it. */
    public String operator() {
        String explicit = env.get("UNSTUCK_OPERATOR");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        String user = env.getOrDefault("USER", System.getProperty("user.name", "unknown"));
        return user + "@" + hostName();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
