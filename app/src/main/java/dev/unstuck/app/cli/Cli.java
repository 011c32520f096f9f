package dev.unstuck.app.cli;

import dev.unstuck.app.config.ConfigError;
import dev.unstuck.app.store.AuditDatabase;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;

/**
 * Builds the picocli command line and maps every way a command can end to an exit code, in one
 * place: user mistakes become one actionable line, bugs a short notice (stack trace with --debug).
 */
public final class Cli {
    private Cli() {}

    /** The whole command tree (help, man pages, completion). */
    public static CommandLine create(AppContext context) {
        return create(context, Optional.empty());
    }

    /**
     * The command tree for {@code args}: with only the command they invoke when they name one, because
     * picocli reads every command's annotations to build a tree, most of a start's time
     * (bench/results/startup.md); the whole tree otherwise (top-level help, a mistyped command's "did
     * you mean", {@code completion}, which lists them all).
     */
    public static CommandLine create(AppContext context, String[] args) {
        return create(context, invoked(args));
    }

    private static CommandLine create(AppContext context, Optional<Class<?>> only) {
        CommandLine cli = new CommandLine(UnstuckCommand.class, new ContextFactory(context));
        for (Class<?> command : UnstuckCommand.COMMANDS) {
            if (only.isEmpty() || only.get() == command) {
                cli.addSubcommand(command);
            }
        }
        // Set after the commands are added: picocli passes settings on to the subcommands it has then.
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(Cli::onBadParameters);
        cli.setExecutionExceptionHandler(Cli::onFailure);
        // -q and -v set the log levels once the whole line is parsed, before any command runs.
        cli.setExecutionStrategy(parsed -> {
            try {
                Verbosity.apply(parsed);
            } catch (UserError conflicting) {
                throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(), conflicting.getMessage());
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli;
    }

    /** The command the first word that is not a flag names (top-level options take no value), unless it is {@code completion}. */
    static Optional<Class<?>> invoked(String[] args) {
        Optional<String> word = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst();
        if (word.isEmpty()) {
            return Optional.empty();
        }
        for (Class<?> command : UnstuckCommand.COMMANDS) {
            CommandLine.Command named = command.getAnnotation(CommandLine.Command.class);
            if (named.name().equals(word.get()) || Arrays.asList(named.aliases()).contains(word.get())) {
                return command == CompletionCommand.class ? Optional.empty() : Optional.of(command);
            }
        }
        return Optional.empty();
    }

    /** HTTPS_PROXY and NO_PROXY as curl and gc read them, for every HTTP and WebSocket call of the process. */
    public static void useProxyOf(java.util.Map<String, String> env) {
        ProxyFromEnvironment.from(env).ifPresent(java.net.ProxySelector::setDefault);
    }

    private static int onBadParameters(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("unstuck: " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            // picocli's own "did you mean": the nearest subcommands or options to what was typed
            err.println("Did you mean: " + String.join(" or ", unmatched.getSuggestions().stream()
                    .map(s -> cmd.getCommandSpec().qualifiedName() + " " + s).toList()) + "?");
        }
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCode.USAGE.code();
    }

    private static int onFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof UserError userError) {
            err.println("unstuck: " + userError.getMessage());
            err.flush();
            return userError.exitCode().code();
        }
        if (e instanceof ConfigError configError) {
            err.println("unstuck: " + configError.getMessage());
            err.flush();
            return ExitCode.CONFIG.code();
        }
        if (e instanceof AuditDatabase.AuditWriteFailed audit) {
            // I/O, not a bug: one line; the journal already holds every act that was sent.
            err.println("unstuck: " + audit.getMessage() + "; the next run finishes what this one began");
            err.flush();
            return ExitCode.AUDIT.code();
        }
        err.println("unstuck: internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        boolean debug = parsed.originalArgs().contains("--debug");
        if (debug) {
            e.printStackTrace(err);
        } else {
            err.println("This is a bug in unstuck. Run again with --debug for the details and report them.");
        }
        err.flush();
        return ExitCode.INTERNAL.code();
    }
}
