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
        return new AppContext(System.getenv(), home(System.getenv()), Clock.systemUTC(), System.in, System.console() != null);
    }

    /** {@code $HOME} as the shell has it (Java's user.home comes from the password database and ignores it). */
    static Path home(Map<String, String> env) {
        String home = env.get("HOME");
        return home == null || home.isBlank() ? Path.of(System.getProperty("user.home")) : Path.of(home);
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
