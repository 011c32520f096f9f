package dev.unstuck.app.cli;

import picocli.CommandLine.Mixin;

/** A command that talks to an org: --org, --region and --config, declared once here for every such command. */
abstract class OrgCommand extends AppCommand {
    @Mixin
    TargetOptions targetOptions;

    OrgCommand(AppContext context) {
        super(context);
    }
}
