package dev.unstuck.core.genesys;

import java.util.Objects;

/**
 * The org the client and the engine talk to: its name (for the audit and messages), where it is, who
 * we are there, and how many calls a minute we may make. Resolved from the config file's profile of the
 * org or from the environment; a {@link GenesysClient} is made from it.
 *
 * @param name the org's name in the config file, {@code default} for one given by the environment
 */
public record GenesysOrg(String name, Region region, Credentials credentials, ClientSettings settings) {

    public GenesysOrg {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(settings, "settings");
    }
}
