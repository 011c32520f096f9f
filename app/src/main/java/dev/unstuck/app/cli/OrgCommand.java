package dev.unstuck.app.cli;

import picocli.CommandLine.Mixin;

/** A command that talks to an org: --org, --region and --config ({@link OrgOptions}), declared once here for every such command. */
abstract class OrgCommand extends AppCommand {
    @Mixin
    OrgOptions orgOptions;

    OrgCommand(AppContext context) {
        super(context);
    }
}
