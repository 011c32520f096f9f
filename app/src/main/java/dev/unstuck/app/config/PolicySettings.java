package dev.unstuck.app.config;

/** Engine policy from the config file's {@code policy:} section. */
public record PolicySettings(boolean teardownAsLastResort, boolean teardownWhenOnlyWrapupPending, int maxReplans) {

    public static PolicySettings defaults() {
        return new PolicySettings(true, false, 3);
    }
}
