package dev.unstuck.app.cli;

import dev.unstuck.app.config.ConfigFile;
import dev.unstuck.app.config.ConfigLoader;
import dev.unstuck.app.config.Target;
import dev.unstuck.app.config.TargetResolver;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** --org, --region and --config: which org a command talks to. */
public final class TargetOptions {
    @Option(names = "--org", paramLabel = "NAME", description = "Org from the config file (default: GENESYSCLOUD_* variables, else the config's defaultOrg).")
    String org;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Region name (eu_central_1), domain (mypurecloud.de) or base URL (http://127.0.0.1:8080); overrides the org's.")
    String region;

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: $UNSTUCK_CONFIG, else ~/.unstuck/config.yaml).")
    Path config;

    ConfigFile config(AppContext context) {
        return new ConfigLoader(context.env()).load(Optional.ofNullable(config), context.home());
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
