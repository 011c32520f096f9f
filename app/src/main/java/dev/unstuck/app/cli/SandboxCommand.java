package dev.unstuck.app.cli;

import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;
import dev.unstuck.sandbox.ScenarioException;
import dev.unstuck.sandbox.client.SandboxClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** `unstuck sandbox`: serve the local Genesys Cloud emulator until Ctrl-C. */
@Command(name = "sandbox",
        header = "Serve the local Genesys Cloud emulator (for tests, demos and trying things).",
        description = {
            "Serve a local emulator of the Genesys Cloud API subset unstuck uses (OAuth, conversations,",
            "roles, queues, rate limits, faults, a virtual clock) on 127.0.0.1 until Ctrl-C.",
            "Its control API (" + SandboxClient.PATH + ") loads scenarios and moves the clock: see docs/sandbox.md."
        })
final class SandboxCommand extends AppCommand {
    @Option(names = "--port", defaultValue = "8089", description = "Port on 127.0.0.1 (0 = any free port; 8089 leaves serve its 8080). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--scenario", paramLabel = "FILE", description = "Scenario to load at start (JSON, see docs/sandbox.md).")
    Path scenario;

    @Option(names = "--clock", defaultValue = "real", paramLabel = "real|manual",
            description = "real follows wall time; manual moves only on POST " + SandboxClient.PATH + "/clock/advance. Default: ${DEFAULT-VALUE}.")
    ClockMode clock;

    SandboxCommand(AppContext context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        SandboxOptions options = SandboxOptions.defaults().withPort(port).withClock(clock);
        if (scenario != null) {
            options = options.withScenario(readScenario(scenario));
        }
        Sandbox sandbox = start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        out.println("Genesys Cloud sandbox listening on " + sandbox.baseUri() + " (clock: " + clock.name().toLowerCase() + ")");
        out.println("  region for clients: " + sandbox.baseUri() + "   control API: " + new SandboxClient(sandbox.baseUri()).controlUri());
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return ExitCode.OK.code();
    }

    static String readScenario(Path file) {
        try {
            return Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(ExitCode.CONFIG, "scenario file " + file + " does not exist");
        } catch (IOException e) {
            throw new UserError(ExitCode.CONFIG, "cannot read scenario file " + file + ": " + e.getMessage());
        }
    }

    static Sandbox start(SandboxOptions options) {
        try {
            return Sandbox.start(options);
        } catch (ScenarioException e) {
            throw new UserError(ExitCode.CONFIG, "the scenario is not valid: " + e.getMessage());
        } catch (RuntimeException e) {
            if (isBindFailure(e)) {
                throw new UserError(ExitCode.CONFIG, "port " + options.port()
                        + " is in use on 127.0.0.1; choose another with --port (0 = any free port)");
            }
            throw e;
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || (t.getMessage() != null && t.getMessage().toLowerCase().contains("address already in use"))) {
                return true;
            }
        }
        return false;
    }
}
