package dev.unstuck.app.cli;

import dev.unstuck.app.config.ConfigFile;
import dev.unstuck.app.config.ConfigLoader;
import dev.unstuck.app.config.Target;
import dev.unstuck.app.config.TargetResolver;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;

/** --org, --region and --config: which org a command talks to. */
public final class TargetOptions {
    @Option(names = {"--org", "-p", "--profile"}, paramLabel = "NAME", description = "Org from the config file, as gc names a profile (default: GENESYSCLOUD_* variables, else the config's defaultOrg).")
    String org;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Region name (eu_central_1), domain (mypurecloud.de) or base URL (http://127.0.0.1:8080); overrides the org's.")
    String region;

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: $UNSTUCK_CONFIG, else ~/.unstuck/config.yaml).")
    Path config;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The config file; its warnings (a secret others can read) go to standard error once, here. */
    ConfigFile config(AppContext context) {
        ConfigFile file = new ConfigLoader(context.env()).load(Optional.ofNullable(config), context.home());
        if (mixee != null && !file.warnings().isEmpty()) {
            file.warnings().forEach(mixee.commandLine().getErr()::println);
            mixee.commandLine().getErr().flush();
        }
        return file;
    }

    /** Every org of the config file, each with its own credentials, region and rate budget. */
    java.util.List<Target> allTargets(AppContext context, ConfigFile file) {
        if (file.orgs().isEmpty()) {
            throw new UserError(ExitCode.CONFIG, "--all-orgs needs orgs in the config file "
                    + file.source().map(Object::toString).orElse("(none found; see docs/configuration.md)"));
        }
        TargetResolver resolver = new TargetResolver(context.env());
        return file.orgs().keySet().stream().sorted()
                .map(name -> resolver.resolve(file, Optional.of(name), Optional.ofNullable(region))).toList();
    }

    Target target(AppContext context, ConfigFile file) {
        return new TargetResolver(context.env()).resolve(file, Optional.ofNullable(org), Optional.ofNullable(region));
    }
}
