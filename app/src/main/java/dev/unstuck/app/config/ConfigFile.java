package dev.unstuck.app.config;

import dev.unstuck.core.detect.Policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed config file: orgs by name, which one is the default, engine policy, audit location,
 * detection policies, the service's settings, where to notify people of trouble, and warnings the user should read (a secret others can read).
 */
public record ConfigFile(
        Optional<Path> source,
        Map<String, OrgProfile> orgs,
        Optional<String> defaultOrg,
        PolicySettings policy,
        Optional<String> auditDb,
        DetectionSettings detection,
        ServiceSettings service,
        NotifySettings notifications,
        List<String> warnings) {

    public ConfigFile {
        warnings = List.copyOf(warnings);
    }

    /** The same file with one more line for the user to read. */
    public ConfigFile withWarning(String warning) {
        List<String> more = new java.util.ArrayList<>(warnings);
        more.add(warning);
        return new ConfigFile(source, orgs, defaultOrg, policy, auditDb, detection, service, notifications, more);
    }

    public static ConfigFile empty() {
        return new ConfigFile(Optional.empty(), Map.of(), Optional.empty(), PolicySettings.defaults(), Optional.empty(),
                DetectionSettings.defaults(), ServiceSettings.none(), NotifySettings.none(), List.of());
    }

    /**
     * How to detect stuck conversations in an org: the org's {@code detection:} section over the
     * top-level one over the defaults. Any name that is not an org of this file (such as "default", the
     * org of credentials from GENESYSCLOUD_* variables) gets the top-level section alone. Never sets
     * {@code force}: that is a command-line flag only.
     */
    public Policy detectionFor(String orgName) {
        return detection.forOrg(orgName);
    }
}
