package dev.unstuck.app.config;

import dev.unstuck.core.genesys.ClientSettings;

import java.util.Optional;

/**
 * One Genesys Cloud org as the user configured it. The secret is kept out of toString so a profile
 * can be logged or printed safely.
 *
 * @param reservedForActsPercent the share of {@code requestsPerMinute} kept for acts, which reads cannot take
 */
public record OrgProfile(String name, String region, String clientId, Optional<String> clientSecret, int requestsPerMinute,
                         int reservedForActsPercent, Optional<SignIn> signIn) {

    public static final int DEFAULT_REQUESTS_PER_MINUTE = 300;

    /**
     * {@code signIn}: people sign in to the dashboard with their Genesys Cloud account through this OAuth
     * client (authorization code grant with PKCE), and their own permissions decide what they may do.
     *
     * @param clientSecret only for a client that has one (a confidential client); PKCE needs none
     * @param forceRole a Genesys role whose holders may force endings of conversations with a live agent
     */
    public record SignIn(String clientId, Optional<String> clientSecret, Optional<String> forceRole) {
        @Override
        public String toString() {
            return "SignIn[clientId=" + clientId + ", clientSecret=" + (clientSecret.isPresent() ? "***" : "none") + ", forceRole="
                    + forceRole.orElse("none") + "]";
        }
    }

    public OrgProfile(String name, String region, String clientId, Optional<String> clientSecret, int requestsPerMinute) {
        this(name, region, clientId, clientSecret, requestsPerMinute, ClientSettings.DEFAULT_RESERVED_FOR_ACTS_PERCENT, Optional.empty());
    }

    @Override
    public String toString() {
        return "OrgProfile[name=" + name + ", region=" + region + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret.isPresent() ? "***" : "none")
                + ", requestsPerMinute=" + requestsPerMinute + ", reservedForActsPercent=" + reservedForActsPercent + "]";
    }
}
