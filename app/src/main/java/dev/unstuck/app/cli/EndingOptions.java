package dev.unstuck.app.cli;

import picocli.CommandLine.Option;

/** `--force` and `--reason`: how far a command that ends conversations may go, and why, for the audit. */
public final class EndingOptions {
    @Option(names = "--force", description = "Also end conversations with a live agent connected.")
    boolean force;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Why, for the audit (e.g. a ticket number); sweep and watch add the rule each guest crossed.")
    String reason;

    /** The reason given, else {@code fallback} (which names the command, so the audit still says who ended it). */
    String reasonOr(String fallback) {
        return reason == null || reason.isBlank() ? fallback : reason;
    }
}
