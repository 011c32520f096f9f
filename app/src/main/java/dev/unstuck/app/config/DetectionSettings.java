package dev.unstuck.app.config;

import dev.unstuck.core.detect.Policy;

import java.util.Map;
import java.util.Objects;

/**
 * Detection policies from the config file's {@code detection:} sections, already merged: the top-level
 * section over the built-in defaults, and each org's section over the top-level one.
 *
 * @param topLevel the policy of an org without its own section (and of credentials from the environment)
 * @param orgs the policy of each org of the config file, by org name
 */
public record DetectionSettings(Policy topLevel, Map<String, Policy> orgs) {

    public DetectionSettings {
        Objects.requireNonNull(topLevel, "topLevel");
        orgs = Map.copyOf(orgs);
    }

    /** {@link Policy#defaults()} for every org: what no {@code detection:} section anywhere means. */
    public static DetectionSettings defaults() {
        return new DetectionSettings(Policy.defaults(), Map.of());
    }

    /** The policy of the org so named, or the top-level one for any other name. */
    public Policy forOrg(String org) {
        return org == null ? topLevel : orgs.getOrDefault(org, topLevel);
    }
}
