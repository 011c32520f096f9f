package dev.unstuck.app.config;

import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysOrg;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.core.genesys.UnknownRegionException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which org and credentials a command uses, the way Genesys tooling does: an org named with
 * --org comes from the config file; otherwise GENESYSCLOUD_ACCESS_TOKEN (used as it is, over client
 * credentials, as the Genesys Terraform provider documents); otherwise the GENESYSCLOUD_OAUTHCLIENT_*
 * variables; otherwise the config file's default (or only) org.
 */
public final class OrgResolver {
    public static final String CLIENT_ID = "GENESYSCLOUD_OAUTHCLIENT_ID";
    public static final String CLIENT_SECRET = "GENESYSCLOUD_OAUTHCLIENT_SECRET";
    public static final String REGION = "GENESYSCLOUD_REGION";
    /** A bearer token used as it is, as gc and the Genesys Terraform provider take it (docs/configuration.md). */
    public static final String ACCESS_TOKEN = "GENESYSCLOUD_ACCESS_TOKEN";

    private final Map<String, String> env;

    public OrgResolver(Map<String, String> env) {
        this.env = env;
    }

    public GenesysOrg resolve(ConfigFile config, Optional<String> orgName, Optional<String> regionOverride) {
        if (orgName.isPresent()) {
            OrgProfile profile = config.orgs().get(orgName.get());
            if (profile == null) {
                throw new ConfigError("no org '" + orgName.get() + "' in "
                        + config.source().map(Object::toString).orElse("the config file (none found)")
                        + (config.orgs().isEmpty() ? "" : "; known orgs: " + String.join(", ", config.orgs().keySet())));
            }
            return fromProfile(profile, regionOverride);
        }
        if (!blank(env.get(ACCESS_TOKEN))) {
            return withAccessToken(regionOverride);
        }
        if (env.containsKey(CLIENT_ID) || env.containsKey(CLIENT_SECRET)) {
            return fromEnvironment(regionOverride);
        }
        Optional<OrgProfile> fallback = config.defaultOrg().map(config.orgs()::get)
                .or(() -> config.orgs().size() == 1 ? config.orgs().values().stream().findFirst() : Optional.empty());
        if (fallback.isPresent()) {
            return fromProfile(fallback.get(), regionOverride);
        }
        if (config.orgs().size() > 1) {
            throw new ConfigError("the config file has several orgs (" + String.join(", ", config.orgs().keySet())
                    + "); choose one with --org or set defaultOrg");
        }
        return fromEnvironment(regionOverride);
    }

    private GenesysOrg fromEnvironment(Optional<String> regionOverride) {
        List<String> missing = new ArrayList<>();
        for (String name : List.of(CLIENT_ID, CLIENT_SECRET, REGION)) {
            if (blank(env.get(name)) && !(name.equals(REGION) && regionOverride.isPresent())) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigError("no credentials: set " + String.join(", ", missing)
                    + " (or " + ACCESS_TOKEN + " and " + REGION + ", or name an org of ~/.config/unstuck/config.yaml with --org); see docs/configuration.md");
        }
        Region region = region(regionOverride.orElse(env.get(REGION)));
        return new GenesysOrg("default", region, new Credentials(env.get(CLIENT_ID).trim(), env.get(CLIENT_SECRET)),
                settings(OrgProfile.DEFAULT_REQUESTS_PER_MINUTE));
    }

    private GenesysOrg withAccessToken(Optional<String> regionOverride) {
        if (regionOverride.isEmpty() && blank(env.get(REGION))) {
            throw new ConfigError(ACCESS_TOKEN + " is set but not " + REGION + ": set the region the token belongs to"
                    + " (or use --region); see docs/configuration.md");
        }
        Region region = region(regionOverride.orElse(env.get(REGION)));
        return new GenesysOrg("default", region, Credentials.accessToken(env.get(ACCESS_TOKEN)), settings(OrgProfile.DEFAULT_REQUESTS_PER_MINUTE));
    }

    private GenesysOrg fromProfile(OrgProfile profile, Optional<String> regionOverride) {
        String secret = profile.clientSecret().filter(s -> !s.isBlank()).orElse(env.get(CLIENT_SECRET));
        if (blank(secret)) {
            throw new ConfigError("org '" + profile.name() + "' has no clientSecret; add it to the config file"
                    + " (as ${SOME_VARIABLE} to keep it out of the file) or set " + CLIENT_SECRET);
        }
        Region region = region(regionOverride.orElse(profile.region()));
        return new GenesysOrg(profile.name(), region, new Credentials(profile.clientId(), secret),
                settings(profile.requestsPerMinute()).withReservedForActsPercent(profile.reservedForActsPercent()));
    }

    private static ClientSettings settings(int requestsPerMinute) {
        return ClientSettings.defaults().withRequestsPerMinute(requestsPerMinute);
    }

    private static Region region(String text) {
        try {
            return Region.parse(text);
        } catch (UnknownRegionException e) {
            throw new ConfigError(e.getMessage());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
