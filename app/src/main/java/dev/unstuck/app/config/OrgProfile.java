package dev.unstuck.app.config;

import java.util.Optional;

/**
 * One Genesys Cloud org as the user configured it. The secret is kept out of toString so a profile
 * can be logged or printed safely.
 */
public record OrgProfile(String name, String region, String clientId, Optional<String> clientSecret, int requestsPerMinute) {

    public static final int DEFAULT_REQUESTS_PER_MINUTE = 300;

    @Override
    public String toString() {
        return "OrgProfile[name=" + name + ", region=" + region + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret.isPresent() ? "***" : "none")
                + ", requestsPerMinute=" + requestsPerMinute + "]";
    }
}
