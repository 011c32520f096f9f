package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.org.OAuthClient;
import dev.unstuck.sandbox.org.Token;
import dev.unstuck.sandbox.org.User;
import dev.unstuck.sandbox.world.State;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * People's sign-in: {@code GET /oauth/authorize} shows a login form for the org's users,
 * {@code POST /oauth/authorize} checks it and sends the browser back to the client's registered redirect
 * URI with a one-time code, and {@code POST /oauth/token} with {@code grant_type=authorization_code}
 * trades the code for a token of that user. As strict as the platform: PKCE with S256 only, codes used
 * once and briefly, the redirect URI exactly one registered on a client of the CODE grant (an unknown
 * one gets an error page, never a redirect), {@code state} echoed. The login page refuses to be framed.
 */
final class AuthorizeEndpoint {
    /** How long a code may wait to be traded (RFC 6749 advises at most 10 minutes; the platform's is UNCONFIRMED). */
    static final Duration CODE_LIFETIME = Duration.ofMinutes(1);

    private record Grant(String clientId, String redirectUri, String challenge, String userId, Instant issuedAt) {
    }

    private final State state;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> codes = new HashMap<>();

    AuthorizeEndpoint(State state, ObjectMapper json) {
        this.state = state;
        this.json = json;
    }

    /** The request as the client sent it, checked before any page is shown. */
    private record Ask(OAuthClient client, String redirectUri, String challenge, String stateParam) {
    }

    void form(Context ctx) {
        refuseFraming(ctx);
        Optional<Ask> ask = ask(ctx, ctx::queryParam);
        ask.ifPresent(a -> page(ctx, 200, a, ""));
    }

    void submit(Context ctx) {
        refuseFraming(ctx);
        Optional<Ask> checked = ask(ctx, ctx::formParam);
        if (checked.isEmpty()) {
            return;
        }
        Ask ask = checked.get();
        String email = Optional.ofNullable(ctx.formParam("username")).orElse("");
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        Optional<String> code = state.locked(world -> {
            Optional<User> user = world.org().user(email).filter(u -> MessageDigest.isEqual(
                    u.password().getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8)));
            if (user.isEmpty()) {
                return Optional.<String>empty();
            }
            String value = randomText();
            codes.put(value, new Grant(ask.client().id(), ask.redirectUri(), ask.challenge(), user.get().id(), world.now()));
            return Optional.of(value);
        });
        if (code.isEmpty()) {
            page(ctx, 401, ask, "The email or password is not right.");
            return;
        }
        ctx.redirect(ask.redirectUri() + (ask.redirectUri().contains("?") ? "&" : "?") + "code=" + encode(code.get())
                + (ask.stateParam().isEmpty() ? "" : "&state=" + encode(ask.stateParam())), io.javalin.http.HttpStatus.FOUND);
    }

    /** {@code grant_type=authorization_code}: the code, the same redirect URI, and the verifier of its challenge. */
    Answer token(Context ctx, Optional<String> basicClientId, Optional<String> basicSecret) {
        String clientId = basicClientId.or(() -> Optional.ofNullable(ctx.formParam("client_id"))).orElse("");
        String code = Optional.ofNullable(ctx.formParam("code")).orElse("");
        String redirectUri = Optional.ofNullable(ctx.formParam("redirect_uri")).orElse("");
        String verifier = Optional.ofNullable(ctx.formParam("code_verifier")).orElse("");
        return state.locked(world -> {
            Optional<OAuthClient> client = world.org().client(clientId).filter(OAuthClient::usesAuthorizationCode);
            if (client.isEmpty()) {
                return error(world.settings().invalidClientStatus(), "invalid_client", "client not found");
            }
            if (!client.get().secret().isEmpty() && !basicSecret.map(s -> MessageDigest.isEqual(
                    s.getBytes(StandardCharsets.UTF_8), client.get().secret().getBytes(StandardCharsets.UTF_8))).orElse(false)) {
                return error(world.settings().invalidClientStatus(), "invalid_client", "authentication failed");
            }
            Grant grant = codes.remove(code); // one use, whatever happens next
            if (grant == null || !grant.clientId().equals(clientId) || !grant.redirectUri().equals(redirectUri)
                    || !world.now().isBefore(grant.issuedAt().plus(CODE_LIFETIME)) || !challengeOf(verifier).equals(grant.challenge())) {
                return error(400, "invalid_grant", "authorization code is invalid, expired, already used, or does not match");
            }
            Optional<User> user = world.org().user(grant.userId());
            if (user.isEmpty()) {
                return error(400, "invalid_grant", "user not found");
            }
            int lifetime = client.get().accessTokenValiditySeconds().orElse(world.settings().tokenLifetimeSeconds());
            Token token = world.tokens().issue(client.get(), Optional.of(user.get().id()), world.now(), Duration.ofSeconds(lifetime),
                    world.org());
            ObjectNode body = json.createObjectNode()
                    .put("access_token", token.value())
                    .put("token_type", "bearer")
                    .put("expires_in", lifetime);
            return Answer.json(200, body);
        });
    }

    /** The authorize request's parameters, or an error page (never a redirect to a URI not registered). */
    private Optional<Ask> ask(Context ctx, java.util.function.Function<String, String> param) {
        String clientId = Optional.ofNullable(param.apply("client_id")).orElse("");
        String redirectUri = Optional.ofNullable(param.apply("redirect_uri")).orElse("");
        Optional<OAuthClient> client = state.locked(world -> world.org().client(clientId));
        if (client.isEmpty() || !client.get().usesAuthorizationCode()) {
            errorPage(ctx, "The client " + clientId + " does not exist or does not use the authorization code grant.");
            return Optional.empty();
        }
        if (!client.get().redirectUris().contains(redirectUri)) {
            errorPage(ctx, "The redirect URI is not registered on client " + clientId + ".");
            return Optional.empty();
        }
        if (!"code".equals(param.apply("response_type"))) {
            errorPage(ctx, "response_type must be code.");
            return Optional.empty();
        }
        String challenge = Optional.ofNullable(param.apply("code_challenge")).orElse("");
        if (!"S256".equals(param.apply("code_challenge_method")) || !challenge.matches("[A-Za-z0-9_-]{43}")) {
            errorPage(ctx, "PKCE is required: code_challenge (43 characters, base64url of SHA-256) with code_challenge_method S256.");
            return Optional.empty();
        }
        return Optional.of(new Ask(client.get(), redirectUri, challenge, Optional.ofNullable(param.apply("state")).orElse("")));
    }

    private void page(Context ctx, int status, Ask ask, String problem) {
        ctx.status(status).contentType("text/html; charset=utf-8").result("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Genesys Cloud (sandbox): sign in</title></head>
                <body><main><h1>Sign in</h1>%s
                <form method="post" action="/oauth/authorize">
                <input type="hidden" name="client_id" value="%s"><input type="hidden" name="redirect_uri" value="%s">
                <input type="hidden" name="response_type" value="code"><input type="hidden" name="code_challenge" value="%s">
                <input type="hidden" name="code_challenge_method" value="S256"><input type="hidden" name="state" value="%s">
                <label>Email <input id="username" name="username" type="email" autocomplete="username" required></label>
                <label>Password <input id="password" name="password" type="password" autocomplete="current-password" required></label>
                <button id="submit" type="submit">Log in</button>
                </form></main></body></html>
                """.formatted(problem.isEmpty() ? "" : "<p id=\"problem\" role=\"alert\">" + html(problem) + "</p>", html(ask.client().id()),
                html(ask.redirectUri()), html(ask.challenge()), html(ask.stateParam())));
    }

    private static void errorPage(Context ctx, String problem) {
        ctx.status(400).contentType("text/html; charset=utf-8").result("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Sign-in error</title></head><body><p id=\"problem\">" + html(problem) + "</p></body></html>");
    }

    private static void refuseFraming(Context ctx) {
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "frame-ancestors 'none'");
    }

    private Answer error(int status, String error, String description) {
        return Answer.json(status, json.createObjectNode()
                .put("error", error).put("description", description).put("error_description", description));
    }

    private String randomText() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** BASE64URL(SHA-256(ASCII(verifier))), RFC 7636 §4.2. */
    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
