package dev.unstuck.core.genesys;

import java.util.Objects;

/**
 * OAuth client-credentials of a Genesys Cloud client. The secret never leaves this record except
 * towards {@code /oauth/token}; {@link #toString()} redacts it so a log line cannot leak it.
 */
public record Credentials(String clientId, String clientSecret) {

    public Credentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
        return "Credentials[clientId=" + clientId + ", clientSecret=***]";
    }
}
