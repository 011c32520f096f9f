package dev.unstuck.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ParseResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code -q} and {@code -v} (repeatable), typed before or after the command: the log levels of the
 * process, over what the logging configuration (PlainLogs) read from UNSTUCK_LOG_LEVEL. -q: errors only; -v: unstuck's debug
 * lines; -vv: also the libraries' (HTTP server, database migrations).
 */
final class Verbosity {
    private static final String[] OURS = {"dev.unstuck", "unstuck.serve"};
    /** The levels the logging configuration set, so that a run without flags (a test after a -q run) gets them back. */
    private static final Map<String, Level> CONFIGURED = new LinkedHashMap<>();

    private Verbosity() {}

    /** Applies the flags of every level of the command line; none restores the configured levels. */
    static synchronized void apply(ParseResult parsed) {
        boolean quiet = false;
        int verbose = 0;
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            quiet |= level.hasMatchedOption("-q");
            verbose += level.hasMatchedOption("-v") ? level.matchedOption("-v").<boolean[]>getValue().length : 0;
        }
        if (quiet && verbose > 0) {
            throw new UserError(ExitCode.USAGE, "-q (errors only) and -v (more) pull opposite ways; choose one");
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext)) {
            return; // another SLF4J binding: its own configuration decides
        }
        Logger root = logger(Logger.ROOT_LOGGER_NAME);
        if (CONFIGURED.isEmpty()) {
            CONFIGURED.put(Logger.ROOT_LOGGER_NAME, root.getLevel());
            for (String name : OURS) {
                CONFIGURED.put(name, logger(name).getLevel());
            }
        }
        CONFIGURED.forEach((name, level) -> logger(name).setLevel(level));
        if (quiet) {
            root.setLevel(Level.ERROR);
            for (String name : OURS) {
                logger(name).setLevel(Level.ERROR);
            }
        } else if (verbose > 0) {
            for (String name : OURS) {
                logger(name).setLevel(verbose == 1 ? Level.DEBUG : Level.TRACE);
            }
            if (verbose > 1) {
                root.setLevel(Level.DEBUG);
            }
        }
    }

    /** True once -q asked for errors only: progress bars and other chatter on standard error stay quiet too. */
    static boolean quiet() {
        return LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext
                && logger("dev.unstuck").getEffectiveLevel().isGreaterOrEqual(Level.ERROR);
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }
}
