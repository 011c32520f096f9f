package dev.unstuck.app.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** A command of the tree: the process's (or a test's) context and the command's own spec (its output and error streams). */
abstract class AppCommand implements Callable<Integer> {
    final AppContext context;

    @Spec
    CommandSpec spec;

    AppCommand(AppContext context) {
        this.context = context;
    }
}
