package dev.unstuck.app.cli;

import dev.unstuck.app.demo.Demo;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.sandbox.Sandbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `unstuck demo`: the flags; the tour itself is {@link Demo}. */
@Command(name = "demo",
        header = "The tour: a local org with stuck guests, ended safely, with queues and audit.",
        description = {"Start the local Genesys Cloud sandbox with the demo scenario and sweep it:",
                "guests waiting over 10 minutes, looping or orphaned are ended; live agents are",
                "left alone. Show the queues before and after and the audit, then keep the",
                "sandbox running with unstuck watch on, so you can try the CLI on it.",
                "Ctrl-C stops it."})
final class DemoCommand extends AppCommand {
    @Option(names = "--port", defaultValue = "0", description = "Sandbox port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--exit", description = "Stop the sandbox when the tour is done instead of keeping it running.")
    boolean exit;

    DemoCommand(AppContext context) {
        super(context);
    }

    @Override
    public Integer call() throws Exception {
        Sandbox sandbox = SandboxCommand.start(Demo.sandboxOptions(port));
        try {
            new Demo(spec.commandLine().getOut(), context.clock(), context.operator()).run(sandbox, exit);
        } catch (AuditDatabase.AuditUnavailable e) {
            throw new UserError(ExitCode.CONFIG, e.getMessage());
        }
        return ExitCode.OK.code();
    }
}
