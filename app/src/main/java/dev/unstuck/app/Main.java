package dev.unstuck.app;

import dev.unstuck.app.cli.AppContext;
import dev.unstuck.app.cli.Cli;
import dev.unstuck.app.cli.VersionInfo;
import org.slf4j.event.Level;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;

/** Entry point of the unstuck command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Optional<String[]> version = versionOnly(args);
        if (version.isPresent()) {
            for (String line : version.get()) {
                System.out.println(line);
            }
            System.exit(0);
        }
        System.setProperty("unstuck.version", Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("0.1.0-SNAPSHOT"));
        boolean json = chooseLogFormat(args, System.getenv("UNSTUCK_LOG_FORMAT"));
        CommandLine cli = Cli.create(AppContext.system(), args);
        if (json && isServe(args)) {
            // serve's own lines become JSON log lines; other commands' output (a report, JSON lines) stays theirs.
            cli.setOut(new PrintWriter(new LoggedLines(Level.INFO), true));
            cli.setErr(new PrintWriter(new LoggedLines(Level.ERROR), true));
        }
        int code = cli.execute(args);
        System.exit(code);
    }

    /**
     * The lines of {@code unstuck --version} (or {@code -V}) when that is all that was asked: answered
     * before picocli reads every command's annotations (most of a start's time, bench/results/startup.md),
     * the same lines picocli prints.
     */
    static Optional<String[]> versionOnly(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return Optional.of(new VersionInfo().getVersion());
        }
        return Optional.empty();
    }

    /** The subcommand is the first word that is not a flag (the top-level options take no value). */
    static boolean isServe(String[] args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().filter("serve"::equals).isPresent();
    }

    /**
     * {@code --log-format json} (or {@code UNSTUCK_LOG_FORMAT=json}) picks the JSON-lines logging
     * configuration; it must be chosen before the first logger exists, so before picocli parses.
     */
    static boolean chooseLogFormat(String[] args, String fromEnv) {
        boolean json = "json".equalsIgnoreCase(fromEnv);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--log-format") && i + 1 < args.length) {
                json = args[i + 1].equalsIgnoreCase("json");
            } else if (args[i].startsWith("--log-format=")) {
                json = args[i].substring("--log-format=".length()).equalsIgnoreCase("json");
            }
        }
        if (json && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
        return json;
    }
}
