package dev.unstuck.app.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * A command that talks to an org: the process's context, the command's own spec (its output and error
 * streams) and --org, --region and --config, declared once here for every such command.
 */
abstract class OrgCommand implements Callable<Integer> {
    final AppContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions targetOptions;

    OrgCommand(AppContext context) {
        this.context = context;
    }
}
