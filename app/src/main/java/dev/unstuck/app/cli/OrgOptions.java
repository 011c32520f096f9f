package dev.unstuck.app.cli;

import dev.unstuck.app.config.ConfigFile;
import dev.unstuck.app.config.OrgResolver;
import dev.unstuck.app.service.OrgRuntime;
import dev.unstuck.core.genesys.GenesysOrg;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Optional;

/** --org, --region and --config: which org (or orgs) a command talks to, resolved in one call ({@link OrgResolver}). */
public final class OrgOptions {
    private final AppContext context;

    @Option(names = {"--org", "-p", "--profile"}, paramLabel = "NAME", description = "Org from the config file, as gc names a profile (default: GENESYSCLOUD_* variables, else the config's defaultOrg).")
    String org;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Region name (eu_central_1), domain (mypurecloud.de) or base URL (http://127.0.0.1:8089, the sandbox); overrides the org's.")
    String region;

    @Mixin
    ConfigOptions config;

    OrgOptions(AppContext context) {
        this.context = context;
    }

    /** The config file and the orgs it resolved to: one, or every org of the file. */
    record Chosen(ConfigFile config, List<GenesysOrg> orgs) {
        GenesysOrg single() {
            return orgs.get(0);
        }

        /** The one org live for a command: a client to it and its detection policy of the config file. */
        OrgRuntime runtime() {
            return runtime(single());
        }

        OrgRuntime runtime(GenesysOrg org) {
            return OrgRuntime.forCommand(org, config.detectionFor(org.name()));
        }
    }

    /** The one org of --org, the GENESYSCLOUD_* variables or the config's default. */
    Chosen one() {
        ConfigFile file = load();
        return new Chosen(file, List.of(resolver().resolve(file, Optional.ofNullable(org), Optional.ofNullable(region))));
    }

    /** Every org of the config file, each with its own credentials, region and rate budget. */
    Chosen every() {
        ConfigFile file = load();
        if (file.orgs().isEmpty()) {
            throw new UserError(ExitCode.CONFIG, "--all-orgs needs orgs in the config file "
                    + file.source().map(Object::toString).orElse("(none found; see docs/configuration.md)"));
        }
        return new Chosen(file, every(file));
    }

    /** Every org of the config file when it names some, else the one of the GENESYSCLOUD_* variables. */
    Chosen everyOrOne() {
        ConfigFile file = load();
        if (file.orgs().isEmpty()) {
            return new Chosen(file, List.of(resolver().resolve(file, Optional.ofNullable(org), Optional.ofNullable(region))));
        }
        return new Chosen(file, every(file));
    }

    /** The config file alone, for commands that need no org (the audit database's place). */
    ConfigFile config() {
        return load();
    }

    private List<GenesysOrg> every(ConfigFile file) {
        OrgResolver resolver = resolver();
        return file.orgs().keySet().stream().sorted()
                .map(name -> resolver.resolve(file, Optional.of(name), Optional.ofNullable(region))).toList();
    }

    private ConfigFile load() {
        return config.load();
    }

    private OrgResolver resolver() {
        return new OrgResolver(context.env());
    }
}
