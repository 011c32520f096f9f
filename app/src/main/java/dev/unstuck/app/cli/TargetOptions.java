package dev.unstuck.app.cli;

import dev.unstuck.app.config.ConfigFile;
import dev.unstuck.app.config.Target;
import dev.unstuck.app.config.TargetResolver;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Optional;

/** --org, --region and --config: which org (or orgs) a command talks to, resolved in one call. */
public final class TargetOptions {
    private final AppContext context;

    @Option(names = {"--org", "-p", "--profile"}, paramLabel = "NAME", description = "Org from the config file, as gc names a profile (default: GENESYSCLOUD_* variables, else the config's defaultOrg).")
    String org;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Region name (eu_central_1), domain (mypurecloud.de) or base URL (http://127.0.0.1:8089, the sandbox); overrides the org's.")
    String region;

    @Mixin
    ConfigOptions config;

    TargetOptions(AppContext context) {
        this.context = context;
    }

    /** The config file and the orgs it resolved to: one, or every org of the file. */
    record Targets(ConfigFile config, List<Target> targets) {
        Target single() {
            return targets.get(0);
        }
    }

    /** The one org of --org, the GENESYSCLOUD_* variables or the config's default, with a client to it. */
    OrgSession session() {
        Targets one = one();
        return OrgSession.of(one.config(), one.single());
    }

    /** The one org of --org, the GENESYSCLOUD_* variables or the config's default. */
    Targets one() {
        ConfigFile file = load();
        return new Targets(file, List.of(resolver().resolve(file, Optional.ofNullable(org), Optional.ofNullable(region))));
    }

    /** Every org of the config file, each with its own credentials, region and rate budget. */
    Targets every() {
        ConfigFile file = load();
        if (file.orgs().isEmpty()) {
            throw new UserError(ExitCode.CONFIG, "--all-orgs needs orgs in the config file "
                    + file.source().map(Object::toString).orElse("(none found; see docs/configuration.md)"));
        }
        return new Targets(file, every(file));
    }

    /** Every org of the config file when it names some, else the one of the GENESYSCLOUD_* variables. */
    Targets everyOrOne() {
        ConfigFile file = load();
        if (file.orgs().isEmpty()) {
            return new Targets(file, List.of(resolver().resolve(file, Optional.ofNullable(org), Optional.ofNullable(region))));
        }
        return new Targets(file, every(file));
    }

    /** The config file alone, for commands that need no org (the audit database's place). */
    ConfigFile config() {
        return load();
    }

    private List<Target> every(ConfigFile file) {
        TargetResolver resolver = resolver();
        return file.orgs().keySet().stream().sorted()
                .map(name -> resolver.resolve(file, Optional.of(name), Optional.ofNullable(region))).toList();
    }

    private ConfigFile load() {
        return config.load();
    }

    private TargetResolver resolver() {
        return new TargetResolver(context.env());
    }
}
