package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.org.OAuthClient;
import dev.unstuck.sandbox.org.Token;
import dev.unstuck.sandbox.world.State;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code POST /oauth/token}: the client-credentials grant here, the authorization code grant in {@link AuthorizeEndpoint}. Errors use the OAuth shape
 * ({@code error, description, error_description}), never ErrorBody; only the client-credentials grant's rate limit
 * ({@code auth.api}, per known client) answers 429 with the platform's ErrorBody, as the gateway in front of it does.
 */
record OAuthEndpoint(State state, ObjectMapper json, AuthorizeEndpoint people) {
    private record Credentials(String clientId, String secret) {}

    Answer token(Context ctx) {
        Optional<Credentials> credentials = basic(ctx.header("Authorization"));
        credentials.ifPresent(c -> Exchange.clientIs(ctx, c.clientId()));
        String grantType = ctx.formParam("grant_type");
        if ("authorization_code".equals(grantType)) {
            // A public client (PKCE) names itself in the body; a confidential one authenticates with Basic.
            return people.token(ctx, credentials.map(Credentials::clientId), credentials.map(Credentials::secret));
        }
        return state.locked(world -> {
            int invalidClient = world.settings().invalidClientStatus();
            if (credentials.isEmpty()) {
                return error(invalidClient, "invalid_client", "authentication failed");
            }
            Optional<OAuthClient> client = world.org().client(credentials.get().clientId());
            if (client.isEmpty()) {
                return error(invalidClient, "invalid_client", "client not found");
            }
            Limited.check(ctx, world.rateLimits().admit(RateBuckets.tokenEndpoint(client.get().id(), world.settings()), world.now()));
            if (!client.get().secret().equals(credentials.get().secret())) {
                return error(invalidClient, "invalid_client", "authentication failed");
            }
            if (!"client_credentials".equals(grantType)) {
                return error(400, "unsupported_grant_type", "grant type is not supported");
            }
            if (!client.get().usesClientCredentials()) {
                return error(400, "unauthorized_client", "client is not authorized to use the client_credential grant type");
            }
            if (!client.get().active()) {
                return error(400, "unauthorized_client", "client is " + client.get().state());
            }
            int lifetime = client.get().accessTokenValiditySeconds().orElse(world.settings().tokenLifetimeSeconds());
            Token token = world.tokens().issue(client.get(), world.now(), Duration.ofSeconds(lifetime), world.org());
            ObjectNode body = json.createObjectNode()
                    .put("access_token", token.value())
                    .put("token_type", "bearer")
                    // The platform answers one second less than the lifetime (86399 for a 24 h token).
                    .put("expires_in", lifetime - 1);
            return Answer.json(200, body);
        });
    }

    private Answer error(int status, String error, String description) {
        return Answer.json(status, json.createObjectNode()
                .put("error", error).put("description", description).put("error_description", description));
    }

    private static Optional<Credentials> basic(String header) {
        if (header == null || header.length() < 6 || !header.substring(0, 6).equalsIgnoreCase("basic ")) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 1) {
                return Optional.empty();
            }
            return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
