package dev.unstuck.app;

import dev.unstuck.app.cli.AppContext;
import dev.unstuck.app.cli.Cli;

/** Entry point of the unstuck command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        chooseLogFormat(args, System.getenv("UNSTUCK_LOG_FORMAT"));
        int code = Cli.create(AppContext.system()).execute(args);
        System.exit(code);
    }

    /**
     * {@code --log-format json} (or {@code UNSTUCK_LOG_FORMAT=json}) picks the JSON-lines logging
     * configuration; it must be chosen before the first logger exists, so before picocli parses.
     */
    static void chooseLogFormat(String[] args, String fromEnv) {
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
    }
}
