package dev.unstuck.app;

import dev.unstuck.app.cli.AppContext;
import dev.unstuck.app.cli.Cli;

/** Entry point of the unstuck command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = Cli.create(AppContext.system()).execute(args);
        System.exit(code);
    }
}
