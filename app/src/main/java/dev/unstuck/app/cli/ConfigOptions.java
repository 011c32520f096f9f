package dev.unstuck.app.cli;

import dev.unstuck.app.config.ConfigFile;
import dev.unstuck.app.config.ConfigLoader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;

/** --config: the config file a command reads (orgs, detection, the audit database). */
public final class ConfigOptions {
    private final AppContext context;

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: $UNSTUCK_CONFIG, else $XDG_CONFIG_HOME/unstuck/config.yaml: ~/.config/unstuck/config.yaml).")
    Path config;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    ConfigOptions(AppContext context) {
        this.context = context;
    }

    ConfigFile load() {
        return load(context, config, mixee);
    }

    /** The config file; its warnings (a secret others can read) go to the command's standard error once, here. */
    static ConfigFile load(AppContext context, Path chosen, CommandSpec command) {
        ConfigFile file = new ConfigLoader(context.env()).load(Optional.ofNullable(chosen), context.home());
        if (command != null && !file.warnings().isEmpty()) {
            file.warnings().forEach(command.commandLine().getErr()::println);
            command.commandLine().getErr().flush();
        }
        return file;
    }
}
