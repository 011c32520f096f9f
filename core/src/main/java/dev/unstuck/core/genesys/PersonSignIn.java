package dev.unstuck.core.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A person's sign-in with their Genesys Cloud account, as the platform's SDKs do it
 * ({@code loginPKCEGrant}): the authorization code grant with PKCE (S256) at the region's
 * {@code /oauth/authorize} and {@code /oauth/token}, then what the person may do, read with their own
 * token: {@code GET /api/v2/users/me?expand=authorization} and
 * {@code GET /api/v2/authorization/divisionspermitted/me?permission=…}. The person's token is used for
 * these reads only and never kept.
 */
public final class PersonSignIn {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** The OAuth client people sign in through (grant type Code Authorization); {@code secret} only for a confidential one. */
    public record Client(String clientId, Optional<String> secret, URI redirectUri) {
    }

    /** The person: who, with which roles and permissions (as Genesys lists them, wildcards included). */
    public record Person(String id, String name, List<String> roleNames, List<String> permissions) {
        public Person {
            roleNames = List.copyOf(roleNames);
            permissions = List.copyOf(permissions);
        }

        /** Whether one of the person's permissions covers {@code wanted} ({@code *} matches any part). */
        public boolean holds(String wanted) {
            String[] w = wanted.split(":");
            return permissions.stream().map(p -> p.split(":")).anyMatch(p -> p.length == 3 && w.length == 3
                    && (p[0].equals("*") || p[0].equals(w[0])) && (p[1].equals("*") || p[1].equals(w[1]))
                    && (p[2].equals("*") || p[2].equals(w[2])));
        }
    }

    private final Region region;
    private final HttpClient http;

    public PersonSignIn(Region region) {
        this.region = region;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A new PKCE code verifier (RFC 7636: 43 to 128 unreserved characters; here 64). */
    public static String newVerifier() {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The S256 challenge of a verifier. */
    public static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Where to send the person's browser: the region's login page, asking for a code sent back to the client's redirect URI. */
    public URI authorizeUrl(Client client, String verifier, String state) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", client.clientId());
        query.put("redirect_uri", client.redirectUri().toString());
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        query.put("state", state);
        return URI.create(region.loginBase() + "/oauth/authorize?" + form(query));
    }

    /**
     * Trades the code and answers the person together with the divisions where they hold {@code permission}
     * (one sign-in, one token, both reads).
     */
    public SignedIn signIn(Client client, String code, String verifier, String permission) {
        String token = token(client, code, verifier);
        JsonNode me = get("/api/v2/users/me?expand=authorization", token);
        List<String> roles = new ArrayList<>();
        me.path("authorization").path("roles").forEach(r -> roles.add(ServerText.clean(r.path("name").asText(""))));
        List<String> permissions = new ArrayList<>();
        me.path("authorization").path("permissions").forEach(p -> permissions.add(p.asText("")));
        Person person = new Person(me.path("id").asText(""), ServerText.clean(me.path("name").asText("")), roles, permissions);
        List<String> divisions = new ArrayList<>();
        if (person.holds(permission)) {
            get("/api/v2/authorization/divisionspermitted/me?permission=" + URLEncoder.encode(permission, StandardCharsets.UTF_8), token)
                    .forEach(d -> divisions.add(d.path("id").asText("")));
        }
        return new SignedIn(person, divisions);
    }

    /** A signed-in person and the divisions where they hold the permission asked about. */
    public record SignedIn(Person person, List<String> divisionIds) {
        public SignedIn {
            divisionIds = List.copyOf(divisionIds);
        }
    }

    private String token(Client client, String code, String verifier) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", client.redirectUri().toString());
        body.put("client_id", client.clientId());
        body.put("code_verifier", verifier);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(region.loginBase() + "/oauth/token")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(body)));
        client.secret().ifPresent(secret -> request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((client.clientId() + ":" + secret).getBytes(StandardCharsets.UTF_8))));
        JsonNode answer = send(request.build(), "/oauth/token");
        String token = answer.path("access_token").asText("");
        if (token.isEmpty()) {
            throw new GenesysException(502, "the login service answered no access_token", Optional.empty(), Optional.empty());
        }
        return token;
    }

    private JsonNode get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(region.apiBase() + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(), path.replaceFirst("\\?.*", ""));
    }

    private JsonNode send(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GenesysUnreachableException(request.uri().getHost() + " did not answer " + what + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenesysUnreachableException("interrupted while asking " + what, e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (response.statusCode() / 100 != 2 || body == null) {
            String why = body == null ? "an answer that is not JSON"
                    : ServerText.clean(body.path("error").asText(body.path("message").asText("")));
            throw new GenesysException(response.statusCode(), what + " answered " + response.statusCode() + (why.isEmpty() ? "" : ": " + why),
                    Optional.empty(), Optional.empty());
        }
        return body;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
