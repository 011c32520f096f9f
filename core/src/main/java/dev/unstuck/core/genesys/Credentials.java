package dev.unstuck.core.genesys;

import java.util.Objects;
import java.util.Optional;

/**
 * How a client gets its bearer token: OAuth client-credentials of a Genesys Cloud client (the token
 * fetched from {@code /oauth/token} and renewed), or an access token obtained elsewhere and used as
 * it is ({@link #accessToken(String)}: no grant, no renewal; when Genesys refuses it, it has expired
 * or was revoked). Secrets never leave this record except towards Genesys; {@link #toString()}
 * redacts them so a log line cannot leak them.
 */
public record Credentials(String clientId, String clientSecret, Optional<String> readyToken) {

    /** What {@link #clientId()} says of a ready token: the client behind it is unknown until {@code tokens/me}. */
    public static final String READY_TOKEN_CLIENT = "(access token)";

    public Credentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(readyToken, "readyToken");
    }

    /** Client credentials: the client-credentials grant, renewed before expiry. */
    public Credentials(String clientId, String clientSecret) {
        this(clientId, clientSecret, Optional.empty());
    }

    /** A bearer token used as it is, as the Genesys Cloud CLI takes GENESYSCLOUD_ACCESS_TOKEN. */
    public static Credentials accessToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an access token cannot be blank");
        }
        return new Credentials(READY_TOKEN_CLIENT, "", Optional.of(token.trim()));
    }

    public boolean isReadyToken() {
        return readyToken.isPresent();
    }

    @Override
    public String toString() {
        return isReadyToken() ? "Credentials[access token=***]" : "Credentials[clientId=" + clientId + ", clientSecret=***]";
    }
}
