package dev.unstuck.core.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.core.genesys.Exchanges.Answer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/** The client-credentials grant at the region's login service: one new token each time it is asked. */
final class ClientCredentialsGrant {
    private final Region region;
    private final Credentials credentials;
    private final ClientSettings settings;
    private final Exchanges exchanges;
    private final ObjectMapper json = new ObjectMapper();

    ClientCredentialsGrant(Region region, Credentials credentials, ClientSettings settings, Exchanges exchanges) {
        this.region = region;
        this.credentials = credentials;
        this.settings = settings;
        this.exchanges = exchanges;
    }

    /**
     * Client-credentials grant. Its errors come in the OAuth shape and say which client, never the
     * secret; what cannot be a Genesys login service (a 404, HTML, no token) says to check the region.
     */
    TokenCache.Token fetch() {
        String path = "/oauth/token";
        URI uri = Exchanges.join(region.loginBase(), path);
        String basic = Base64.getEncoder().encodeToString(
                (credentials.clientId() + ":" + credentials.clientSecret()).getBytes(StandardCharsets.UTF_8));
        Supplier<HttpRequest> request = () -> HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        Answer answer = exchanges.send("POST", path, request, false);
        String login = region.loginBase() + path;
        if (answer.status() >= 400) {
            Optional<ErrorBody> error = exchanges.errorBody(answer);
            String said = answer.status() + error.map(e -> " " + e.code() + (e.message().isEmpty() ? "" : ": " + e.message())).orElse("");
            if (error.isPresent() && (answer.status() == 400 || answer.status() == 401 || answer.status() == 403)) {
                throw new GenesysLoginException(GenesysLoginException.Reason.CREDENTIALS_REJECTED, answer.status(),
                        "Genesys Cloud at " + region.loginBase() + " rejected OAuth client '" + credentials.clientId() + "' (" + said
                                + "): check the client id and secret, and that it is a client-credentials client of this region's org",
                        error, answer.correlationId());
            }
            if (error.isPresent() && (answer.status() == 429 || answer.status() >= 500)) {
                throw new GenesysLoginException(GenesysLoginException.Reason.LOGIN_UNAVAILABLE, answer.status(),
                        "the Genesys Cloud login service at " + login + " failed (" + said + ") for OAuth client '"
                                + credentials.clientId() + "' after the retries; try again later", error, answer.correlationId());
            }
            throw notALoginService(answer, login, "answered " + said + (error.isPresent() ? "" : " without an OAuth error body"));
        }
        JsonNode node;
        try {
            node = json.readTree(answer.body());
        } catch (IOException e) {
            throw notALoginService(answer, login, "answered " + answer.status() + " with something that is not JSON");
        }
        String token = node == null ? "" : node.path("access_token").asText("");
        if (token.isEmpty()) {
            throw notALoginService(answer, login, "answered " + answer.status() + " without an access_token");
        }
        return new TokenCache.Token(token, Duration.ofSeconds(node.path("expires_in").asLong(86_399)));
    }

    private GenesysLoginException notALoginService(Answer answer, String login, String what) {
        String type = ServerText.clean(answer.contentType());
        return new GenesysLoginException(GenesysLoginException.Reason.NOT_A_LOGIN_SERVICE, answer.status(),
                login + " " + what + (type.isEmpty() ? "" : " (" + type + ")")
                        + ": that is not a Genesys Cloud login service; check the region (GENESYSCLOUD_REGION or the org's region) or base URL",
                Optional.empty(), answer.correlationId());
    }
}
