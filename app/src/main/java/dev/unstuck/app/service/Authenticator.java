package dev.unstuck.app.service;

import dev.unstuck.app.store.ApiTokens;
import dev.unstuck.app.store.WebSessions;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a request's credential into a {@link Caller}: one of our API tokens, a JWT of the configured
 * OIDC issuer, or the session of a person signed in with Genesys Cloud, as the dashboard's cookie or (in
 * a frame, where no cookie is sent) as a bearer. A request made with the cookie that changes anything
 * must carry the session's CSRF token. Never logs or keeps the credential.
 */
final class Authenticator {
    /** The session cookie: HttpOnly, SameSite=Strict, Secure where the service is reached over HTTPS. */
    static final String SESSION_COOKIE = "unstuck_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern ORG_PATH = Pattern.compile("^/api/v1/orgs/([^/]+)(/.*)?$");

    private final ApiTokens tokens;
    private final Optional<OidcVerifier> oidc;
    private final Optional<WebSessions> sessions;
    private final Clock clock;

    Authenticator(ApiTokens tokens, Optional<OidcVerifier> oidc) {
        this(tokens, oidc, Optional.empty(), Clock.systemUTC());
    }

    Authenticator(ApiTokens tokens, Optional<OidcVerifier> oidc, Optional<WebSessions> sessions, Clock clock) {
        this.tokens = tokens;
        this.oidc = oidc;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The caller of a request: its Authorization header, else its session cookie; 401 when it has neither. */
    Credential credential(Context ctx) {
        String authorization = ctx.header("Authorization");
        Credential credential;
        if (authorization == null || authorization.isBlank()) {
            String cookie = ctx.cookie(SESSION_COOKIE);
            if (cookie == null || sessions.isEmpty()) {
                throw ApiProblem.unauthorized("this call needs 'Authorization: Bearer <token>' (create one with 'unstuck token create')"
                        + " or a dashboard session (sign in at /signin)");
            }
            credential = session(cookie);
            if (!SAFE_METHODS.contains(ctx.method().name())) {
                checkCsrf(ctx, credential.caller());
            }
        } else {
            credential = credential(authorization);
        }
        Caller caller = credential.caller();
        caller.person().ifPresent(p -> {
            Matcher m = ORG_PATH.matcher(ctx.path());
            if (m.matches() && !m.group(1).equals(p.org())) {
                throw ApiProblem.forbidden("you signed in to org '" + p.org() + "' with your Genesys Cloud account; this is another org");
            }
        });
        return credential;
    }

    /** The caller behind an {@code Authorization} header value; throws {@link ApiProblem} 401 when there is none. */
    Credential credential(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiProblem.unauthorized("this call needs 'Authorization: Bearer <token>' (create one with 'unstuck token create')");
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw ApiProblem.unauthorized("the Authorization header must be 'Bearer <token>'");
        }
        String credential = parts[1].trim();
        if (WebSessions.looksLikeSession(credential)) {
            // A session sent as a bearer (the dashboard in a frame): no cookie, so no cross-site request can carry it.
            return session(credential);
        }
        Optional<ApiTokens.Holder> holder = tokens.holder(credential);
        if (holder.isPresent()) {
            Role role = Role.parse(holder.get().role()).orElse(Role.VIEWER);
            return new Credential(new Caller(holder.get().name(), role, "token"), now -> tokens.holder(credential).isPresent());
        }
        if (oidc.isPresent() && credential.chars().filter(ch -> ch == '.').count() == 2) {
            return oidc.get().credential(credential);
        }
        throw ApiProblem.unauthorized("the bearer token is unknown, revoked or expired");
    }

    /** A session's caller, which holds while the session does (not signed out, idle or too old). */
    private Credential session(String id) {
        Caller caller = sessions.flatMap(s -> s.find(id, clock.instant())).map(s -> new Caller(s.userName(),
                Role.parse(s.role()).orElse(Role.VIEWER), "genesys",
                Optional.of(new Caller.Person(s.org(), s.userId(), s.endDivisions(), s.csrfToken()))))
                .orElseThrow(() -> ApiProblem.unauthorized("the session ended (signed out, idle or too old); sign in again"));
        return new Credential(caller, now -> sessions.map(s -> s.live(id, now)).orElse(false));
    }

    /**
     * A change asked with the cookie must prove it comes from the dashboard's own page: the session's CSRF
     * token in a header, which another site can neither read nor set. SameSite=Strict already keeps the
     * cookie off cross-site requests; this holds where that does not (an old browser, a same-site subdomain).
     */
    private static void checkCsrf(Context ctx, Caller caller) {
        checkCsrf(ctx, caller.person().map(Caller.Person::csrfToken).orElse(""));
    }

    /** The same proof for a change that holds the session itself (sign-out): {@code expected} is its CSRF token. */
    static void checkCsrf(Context ctx, String expected) {
        String sent = Optional.ofNullable(ctx.header(CSRF_HEADER)).orElse("");
        if ("cross-site".equals(ctx.header("Sec-Fetch-Site")) || expected.isEmpty()
                || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw ApiProblem.forbidden("this change was asked with the session cookie but without its " + CSRF_HEADER
                    + " header: only the dashboard's own pages may ask it");
        }
    }
}
