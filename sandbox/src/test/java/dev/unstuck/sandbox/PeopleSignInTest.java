package dev.unstuck.sandbox;

import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People sign in at /oauth/authorize with the authorization code grant and PKCE, as the platform's
 * SDKs do (loginPKCEGrant). These tests speak the HTTP surface by hand on purpose: they test it.
 */
class PeopleSignInTest {
    private static final String REDIRECT = "https://unstuck.example.com/signin/genesys/callback";
    private static final String VERIFIER = "a-verifier-of-forty-three-characters-or-more-0123456789";
    private static final String SCENARIO = """
            {
              "divisions": [{"name": "Home"}, {"name": "EMEA"}],
              "roles": [
                {"name": "supervisor", "permissions": ["analytics:conversationDetail:view", "conversation:communication:disconnect",
                                                       "conversation:communication:view"]},
                {"name": "viewer", "permissions": ["analytics:conversationDetail:view"]}
              ],
              "oauthClients": [
                {"id": "svc", "secret": "svc-secret", "roles": ["supervisor"]},
                {"id": "dashboard", "grantType": "CODE", "redirectUris": ["%s"]}
              ],
              "users": [
                {"name": "Sam Supervisor", "email": "sam@example.com", "password": "sam-pass", "division": "EMEA",
                 "roles": ["viewer"], "roleDivisions": [{"role": "supervisor", "division": "EMEA"}]},
                {"name": "Vic Viewer", "email": "vic@example.com", "password": "vic-pass", "roles": ["viewer"]}
              ],
              "queues": [{"name": "Support"}, {"name": "Support EMEA", "division": "EMEA"}]
            }
            """.formatted(REDIRECT);

    @RegisterExtension
    static final SandboxExtension extension = new SandboxExtension(SCENARIO).loadedBeforeFields();

    private final RunningSandbox sandbox = new RunningSandbox(extension);

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Map<String, String> authorizeFields(String challenge) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("client_id", "dashboard");
        fields.put("redirect_uri", REDIRECT);
        fields.put("response_type", "code");
        fields.put("code_challenge", challenge);
        fields.put("code_challenge_method", "S256");
        fields.put("state", "st-123");
        return fields;
    }

    private RunningSandbox.Reply postForm(String path, Map<String, String> fields) {
        return sandbox.send(HttpRequest.newBuilder(sandbox.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    /** Logs in through the form; the code from the redirect. */
    private String code(String email, String password) throws Exception {
        Map<String, String> fields = authorizeFields(challenge(VERIFIER));
        fields.put("username", email);
        fields.put("password", password);
        RunningSandbox.Reply login = postForm("/oauth/authorize", fields);
        assertThat(login.status()).as(login.response().body()).isEqualTo(302);
        URI back = URI.create(login.header("Location"));
        assertThat(back.getScheme() + "://" + back.getHost() + back.getPath()).isEqualTo(REDIRECT);
        Map<String, String> query = java.util.Arrays.stream(back.getRawQuery().split("&"))
                .map(p -> p.split("=", 2)).collect(Collectors.toMap(p -> p[0], p -> java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertThat(query).containsEntry("state", "st-123");
        return query.get("code");
    }

    private RunningSandbox.Reply trade(String code, String verifier) {
        return postForm("/oauth/token", Map.of("grant_type", "authorization_code", "client_id", "dashboard", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", verifier));
    }

    @Test
    void showsALoginFormThatRefusesToBeFramed() throws Exception {
        String query = form(authorizeFields(challenge(VERIFIER)));
        RunningSandbox.Reply page = sandbox.send(HttpRequest.newBuilder(sandbox.uri("/oauth/authorize?" + query)).GET());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.response().body()).contains("name=\"username\"").contains("name=\"password\"");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }

    @Test
    void aUserSignsInWithPkceAndTheTokenCarriesTheUsersPermissionsAndDivisions() throws Exception {
        RunningSandbox.Reply token = trade(code("sam@example.com", "sam-pass"), VERIFIER);
        assertThat(token.status()).as(token.response().body()).isEqualTo(200);
        String bearer = token.json().path("access_token").asText();

        RunningSandbox.Reply me = sandbox.get("/api/v2/users/me?expand=authorization", bearer);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("name").asText()).isEqualTo("Sam Supervisor");
        assertThat(me.json().path("authorization").path("permissions")).extracting(n -> n.asText())
                .contains("conversation:communication:disconnect", "analytics:conversationDetail:view");
        assertThat(me.json().path("authorization").path("roles")).extracting(n -> n.path("name").asText())
                .containsExactlyInAnyOrder("viewer", "supervisor");

        RunningSandbox.Reply permitted = sandbox.get("/api/v2/authorization/divisionspermitted/me?permission="
                + "conversation:communication:disconnect", bearer);
        assertThat(permitted.status()).isEqualTo(200);
        assertThat(permitted.json()).extracting(n -> n.path("name").asText()).containsExactly("EMEA");
        assertThat(sandbox.get("/api/v2/authorization/divisionspermitted/me?permission=analytics:conversationDetail:view", bearer)
                .json()).extracting(n -> n.path("name").asText()).containsExactlyInAnyOrder("Home", "EMEA");
    }

    @Test
    void aUsersTokenActsWithTheUsersGrantsNotTheClients() throws Exception {
        String bearer = trade(code("vic@example.com", "vic-pass"), VERIFIER).json().path("access_token").asText();

        RunningSandbox.Reply queues = sandbox.get("/api/v2/routing/queues", bearer);

        assertThat(queues.status()).isEqualTo(403);
    }

    @Test
    void aCodeIsTradedOnceAndOnlyWithItsVerifier() throws Exception {
        String code = code("sam@example.com", "sam-pass");
        assertThat(trade(code, "another-verifier-of-forty-three-characters-000000").json().path("error").asText())
                .isEqualTo("invalid_grant");
        assertThat(trade(code, VERIFIER).json().path("error").asText()).as("the failed try used the code up").isEqualTo("invalid_grant");

        String fresh = code("sam@example.com", "sam-pass");
        assertThat(trade(fresh, VERIFIER).status()).isEqualTo(200);
        assertThat(trade(fresh, VERIFIER).status()).isEqualTo(400);
    }

    @Test
    void aCodeExpiresOnTheSandboxClock() throws Exception {
        String code = code("sam@example.com", "sam-pass");
        sandbox.advance(61);

        assertThat(trade(code, VERIFIER).json().path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void refusesAnUnregisteredRedirectAPlainChallengeAndAClientOfAnotherGrant() throws Exception {
        Map<String, String> elsewhere = authorizeFields(challenge(VERIFIER));
        elsewhere.put("redirect_uri", "https://evil.example/steal");
        RunningSandbox.Reply page = sandbox.send(HttpRequest.newBuilder(sandbox.uri("/oauth/authorize?" + form(elsewhere))).GET());
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.header("Location")).isNull();

        Map<String, String> plain = authorizeFields(VERIFIER);
        plain.put("code_challenge_method", "plain");
        assertThat(sandbox.send(HttpRequest.newBuilder(sandbox.uri("/oauth/authorize?" + form(plain))).GET()).status()).isEqualTo(400);

        Map<String, String> wrongClient = authorizeFields(challenge(VERIFIER));
        wrongClient.put("client_id", "svc");
        assertThat(sandbox.send(HttpRequest.newBuilder(sandbox.uri("/oauth/authorize?" + form(wrongClient))).GET()).status())
                .isEqualTo(400);
    }

    @Test
    void aWrongPasswordShowsTheFormAgainAndSendsNoCode() throws Exception {
        Map<String, String> fields = authorizeFields(challenge(VERIFIER));
        fields.put("username", "sam@example.com");
        fields.put("password", "guess");

        RunningSandbox.Reply login = postForm("/oauth/authorize", fields);

        assertThat(login.status()).isEqualTo(401);
        assertThat(login.header("Location")).isNull();
        assertThat(login.response().body()).contains("The email or password is not right.");
    }

    @Test
    void aClientCredentialsTokenHasNoUserContext() {
        String bearer = sandbox.token("svc", "svc-secret");

        assertThat(sandbox.get("/api/v2/users/me", bearer).status()).isEqualTo(400);
        assertThat(sandbox.get("/api/v2/authorization/divisionspermitted/me?permission=analytics:conversationDetail:view", bearer)
                .status()).isEqualTo(400);
    }
}
