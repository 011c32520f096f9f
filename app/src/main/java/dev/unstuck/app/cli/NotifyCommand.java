package dev.unstuck.app.cli;

import dev.unstuck.app.config.ConfigFile;
import dev.unstuck.app.config.NotifySettings;
import dev.unstuck.app.notify.Alert;
import dev.unstuck.app.notify.Condition;
import dev.unstuck.app.notify.Courier;
import dev.unstuck.app.text.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** `unstuck notify test`: one message to each target of the config's {@code notify:} section, to see it arrives. */
@Command(name = "notify",
        mixinStandardHelpOptions = true,
        header = "Check the notification targets of the config file (webhook, Slack, Teams).",
        description = {"'unstuck serve' tells the config's notify.targets when endings fail, credentials are refused, a "
                + "permission is missing, the watch is down, a flow loops or the hourly limit is reached (docs/service.md)."},
        subcommands = {NotifyCommand.Test.class})
final class NotifyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "test",
            header = "Send one test message to each target (or one named) and say whether it arrived.")
    static final class Test extends AppCommand {
        @Mixin
        ConfigOptions config;

        @Option(names = "--target", paramLabel = "NAME", description = "Only this target of notify.targets.")
        String target;

        Test(AppContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            ConfigFile file = config.load();
            List<NotifySettings.Target> targets = file.notifications().targets().stream()
                    .filter(t -> target == null || t.name().equals(target)).toList();
            if (file.notifications().targets().isEmpty()) {
                throw new UserError(ExitCode.CONFIG, "the config file has no notify.targets; add one, e.g."
                        + " notify: { targets: [ { name: oncall, type: webhook, url: https://…, secret: ${UNSTUCK_WEBHOOK_SECRET} } ] }");
            }
            if (targets.isEmpty()) {
                throw new UserError(ExitCode.USAGE, "--target " + target + " is not one of notify.targets "
                        + file.notifications().targets().stream().map(NotifySettings.Target::name).toList());
            }
            Instant now = context.clock().instant();
            Alert alert = new Alert(Condition.TEST, Alert.State.FIRING, "", "", "a test message from unstuck notify test: this target "
                    + "receives unstuck's notifications", now, now);
            List<Courier.Receipt> receipts = new ArrayList<>();
            // Three quick tries: a person is waiting at the terminal, not an alert that must get through.
            try (Courier courier = new Courier(context.clock(), new Courier.Backoff(java.time.Duration.ofSeconds(1),
                    java.time.Duration.ofSeconds(4), 3), "notify-test@" + context.operator())) {
                List<CompletableFuture<Courier.Receipt>> sent = targets.stream().map(t -> courier.send(t, alert)).toList();
                sent.forEach(f -> receipts.add(f.join()));
            }
            PrintWriter out = spec.commandLine().getOut();
            Table table = new Table("target", "type", "result", "tries", "status", "problem");
            for (int i = 0; i < targets.size(); i++) {
                Courier.Receipt r = receipts.get(i);
                table.row(targets.get(i).name(), targets.get(i).kind().word(), r.delivered() ? "delivered" : "NOT delivered",
                        r.attempts(), r.status() == 0 ? "-" : r.status(), r.problem().orElse(""));
            }
            out.print(table.render());
            out.flush();
            return receipts.stream().allMatch(Courier.Receipt::delivered) ? ExitCode.OK.code() : ExitCode.FAILED.code();
        }
    }
}
