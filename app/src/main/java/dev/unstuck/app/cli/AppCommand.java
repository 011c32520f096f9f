package dev.unstuck.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * A command of the tree: --help and --version, the process's (or a test's) context and the command's own
 * spec (its output and error streams). Picocli applies a superclass's {@code @Command} attributes to its
 * subclasses, so the standard help options are declared once, here.
 */
@Command(mixinStandardHelpOptions = true)
abstract class AppCommand implements Callable<Integer> {
    final AppContext context;

    @Spec
    CommandSpec spec;

    AppCommand(AppContext context) {
        this.context = context;
    }
}
