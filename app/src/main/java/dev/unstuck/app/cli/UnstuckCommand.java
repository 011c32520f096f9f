package dev.unstuck.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** The top of the command tree: `unstuck COMMAND`. */
@Command(name = "unstuck",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Ends stuck Genesys Cloud Web Messaging conversations from the server side:",
            "safely (never a live agent unless forced), in the right order (queue leg first),",
            "with proof (every plan, step and outcome in the audit database).",
            ""
        },
        footerHeading = "%nCredentials:%n",
        footer = {
            "  GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET,",
            "  GENESYSCLOUD_REGION (eu_central_1, mypurecloud.de or a base URL),",
            "  or GENESYSCLOUD_ACCESS_TOKEN (a ready token, used as it is) and the region,",
            "  or an org of the config file (~/.config/unstuck/config.yaml, --config FILE,",
            "  $UNSTUCK_CONFIG). See docs/configuration.md.",
            "",
            "Exit codes: 0 ok, 1 failed, 2 usage, 3 configuration, 4 permission",
            "  missing, 5 unreachable or credentials rejected, 6 some left alone,",
            "  7 some not found, 8 audit not written, 70 bug.",
            "  See docs/cli.md."
        })
public final class UnstuckCommand implements Runnable {
    /** The commands, in the order help lists them (added by {@link Cli#create}: all, or only the one invoked). */
    static final List<Class<?>> COMMANDS = List.of(
            DoctorCommand.class,
            ProbeCommand.class,
            InspectCommand.class,
            EndCommand.class,
            SweepCommand.class,
            WatchCommand.class,
            AuditCommand.class,
            ReportCommand.class,
            ServeCommand.class,
            TokenCommand.class,
            NotifyCommand.class,
            SandboxCommand.class,
            DemoCommand.class,
            CompletionCommand.class);

    @Option(names = "--debug", description = "Show stack traces of internal errors.", scope = picocli.CommandLine.ScopeType.INHERIT)
    boolean debug;

    @Option(names = {"-q", "--quiet"}, description = "Errors only: no log lines below ERROR, no progress bar (overrides UNSTUCK_LOG_LEVEL).",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "More log lines on standard error: -v unstuck's debug lines, -vv the libraries' too (overrides UNSTUCK_LOG_LEVEL).",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    boolean[] verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
