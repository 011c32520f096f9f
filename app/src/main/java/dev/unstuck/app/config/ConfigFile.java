package dev.unstuck.app.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The parsed config file: orgs by name, which one is the default, engine policy and audit location. */
public record ConfigFile(
        Optional<Path> source,
        Map<String, OrgProfile> orgs,
        Optional<String> defaultOrg,
        PolicySettings policy,
        Optional<String> auditDb) {

    public static ConfigFile empty() {
        return new ConfigFile(Optional.empty(), Map.of(), Optional.empty(), PolicySettings.defaults(), Optional.empty());
    }
}
