package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.app.config.OrgProfile;
import dev.unstuck.app.service.dashboard.Dashboard;
import dev.unstuck.app.store.WebSessions;
import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.PersonSignIn;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * People sign in to the dashboard with their Genesys Cloud account (per org of the config file with a
 * {@code signIn} client): {@code /signin/genesys} sends the browser to the region's login with a PKCE
 * challenge, {@code /signin/genesys/callback} trades the code, reads the person's own permissions with
 * their token (then drops it) and opens a server-side session behind an HttpOnly, SameSite=Strict cookie.
 * Viewing needs {@value #VIEW}; ending needs {@value DivisionGate#PERMISSION} in the conversation's
 * division; forcing needs the Genesys role the config names. In a frame (a Genesys Cloud client app,
 * where no cookie of ours is sent) the sign-in runs in a pop-up that hands the session to the frame.
 */
record GenesysSignIn(OrgRuntimes orgs, Service.People people, WebSessions sessions, Clock clock) {
    private static final Logger LOG = LoggerFactory.getLogger("unstuck.signin");
    static final String VIEW = "analytics:conversationDetail:view";
    static final String PENDING_COOKIE = "unstuck_signin";
    private static final String CALLBACK = "/signin/genesys/callback";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    void routes(JavalinConfig config) {
        config.routes.get("/signin/options", this::options);
        config.routes.get("/signin/genesys", this::start);
        config.routes.get(CALLBACK, this::callback);
        config.routes.post("/signout", this::signOut);
    }

    /** Which orgs offer sign-in with Genesys Cloud (public: the sign-in page shows a button for each). */
    private void options(Context ctx) {
        noStore(ctx);
        ServiceApi.json(ctx, 200, Map.of("orgs", people.orgs().keySet().stream().filter(this::served).sorted().toList()));
    }

    private boolean served(String org) {
        return orgs.all().stream().anyMatch(o -> o.name().equals(org));
    }

    private void start(Context ctx) {
        String org = Optional.ofNullable(ctx.queryParam("org")).orElse("");
        Optional<OrgProfile.SignIn> client = Optional.ofNullable(people.orgs().get(org)).filter(c -> served(org));
        if (client.isEmpty()) {
            page(ctx, 404, "Sign-in with Genesys Cloud is not set up for org '" + org + "'.", "/signin");
            return;
        }
        String state = random();
        String verifier = PersonSignIn.newVerifier();
        ObjectNode pending = JSON.createObjectNode().put("state", state).put("verifier", verifier).put("org", org)
                .put("next", SafeNext.of(ctx.queryParam("next"))).put("frame", "1".equals(ctx.queryParam("frame")));
        // Lax, not Strict: the login page sends the browser back from another site, and this cookie must come along.
        ctx.cookie(cookie(ctx, PENDING_COOKIE, Base64.getUrlEncoder().withoutPadding()
                .encodeToString(pending.toString().getBytes(StandardCharsets.UTF_8)), 600, SameSite.LAX, "/signin/genesys"));
        URI login = new PersonSignIn(orgs.get(org).genesys().region()).authorizeUrl(personClient(ctx, client.get()), verifier, state);
        noStore(ctx);
        ctx.redirect(login.toString());
    }

    private void callback(Context ctx) {
        noStore(ctx);
        Optional<JsonNode> pending = pending(ctx.cookie(PENDING_COOKIE));
        ctx.removeCookie(PENDING_COOKIE, "/signin/genesys");
        if (pending.isEmpty() || !MessageDigest.isEqual(pending.get().path("state").asText().getBytes(StandardCharsets.UTF_8),
                Optional.ofNullable(ctx.queryParam("state")).orElse("").getBytes(StandardCharsets.UTF_8))) {
            page(ctx, 400, "This sign-in is not the one this browser started, or it took too long. Start again.", "/signin");
            return;
        }
        String org = pending.get().path("org").asText();
        String next = SafeNext.of(pending.get().path("next").asText("/"));
        if (ctx.queryParam("error") != null) {
            page(ctx, 403, "Genesys Cloud did not sign you in (" + dev.unstuck.app.text.UserText.shown(ctx.queryParam("error"), 60) + ").",
                    "/signin");
            return;
        }
        OrgProfile.SignIn client = people.orgs().get(org);
        OrgRuntime runtime = orgs.get(org);
        PersonSignIn.SignedIn signedIn;
        try {
            signedIn = new PersonSignIn(runtime.genesys().region()).signIn(personClient(ctx, client),
                    Optional.ofNullable(ctx.queryParam("code")).orElse(""), pending.get().path("verifier").asText(), DivisionGate.PERMISSION);
        } catch (GenesysException e) {
            LOG.warn("[{}] sign-in with Genesys Cloud failed: {}", org, e.getMessage());
            page(ctx, 502, "Genesys Cloud did not complete the sign-in (" + e.status() + "). Start again; if it goes on, the service's log says why.",
                    "/signin");
            return;
        }
        PersonSignIn.Person person = signedIn.person();
        if (!person.holds(VIEW)) {
            LOG.info("[{}] {} ({}) signed in without {}: refused", org, person.name(), person.id(), VIEW);
            page(ctx, 403, "Your Genesys Cloud account (" + person.name() + ") lacks the permission " + VIEW
                    + ", which the dashboard needs to show conversations. Ask an admin to add it to one of your roles.", "/signin");
            return;
        }
        Role role = signedIn.divisionIds().isEmpty() ? Role.VIEWER
                : client.forceRole().filter(person.roleNames()::contains).isPresent() ? Role.ADMIN : Role.OPERATOR;
        String session = sessions.open(org, person.id(), person.name(), role.label(), signedIn.divisionIds(), clock.instant());
        LOG.info("[{}] {} ({}) signed in with Genesys Cloud as {}", org, person.name(), person.id(), role.label());
        if (pending.get().path("frame").asBoolean(false)) {
            // A pop-up opened by the dashboard in a frame: the page hands the session to its opener (same origin only) and closes.
            handoff(ctx, session);
            return;
        }
        ctx.cookie(cookie(ctx, Authenticator.SESSION_COOKIE, session, -1, SameSite.STRICT, "/"));
        // A page, not a redirect: the browser came from the login's site, and a Strict cookie rides only on a navigation
        // this site starts, so the page makes one.
        ctx.status(200).contentType("text/html; charset=utf-8").result("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signed in · unstuck</title>
                <meta http-equiv="refresh" content="0;url=%s"><link rel="stylesheet" href="/ui/css/dashboard.css"></head>
                <body><main id="main"><p>Signed in as %s. <a href="%s">Continue</a></p></main></body></html>
                """.formatted(html(next), html(person.name()), html(next)));
    }

    private void handoff(Context ctx, String session) {
        ctx.status(200).contentType("text/html; charset=utf-8").result("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signed in · unstuck</title>
                <link rel="stylesheet" href="/ui/css/dashboard.css"><script type="module" src="/ui/js/handoff.js"></script></head>
                <body data-page="handoff" data-session="%s"><main id="main"><p id="status">Signed in; this window closes.</p></main></body></html>
                """.formatted(html(session)));
    }

    /** Ends the session (cookie with its CSRF token, or the session as a bearer) and drops the cookie. */
    private void signOut(Context ctx) {
        noStore(ctx);
        String cookie = ctx.cookie(Authenticator.SESSION_COOKIE);
        String bearer = Optional.ofNullable(ctx.header("Authorization")).orElse("").replaceFirst("(?i)^Bearer\\s+", "").trim();
        if (WebSessions.looksLikeSession(bearer)) {
            sessions.end(bearer, clock.instant());
        } else if (cookie != null) {
            Optional<WebSessions.Session> session = sessions.find(cookie, clock.instant());
            if (session.isPresent()) {
                Authenticator.checkCsrf(ctx, session.get().csrfToken());
            }
            sessions.end(cookie, clock.instant());
        }
        ctx.cookie(cookie(ctx, Authenticator.SESSION_COOKIE, "", 0, SameSite.STRICT, "/"));
        ctx.status(204);
    }

    private PersonSignIn.Client personClient(Context ctx, OrgProfile.SignIn client) {
        URI base = people.publicUrl().orElseGet(() -> URI.create(ctx.scheme() + "://" + ctx.host()));
        return new PersonSignIn.Client(client.clientId(), client.clientSecret(), URI.create(base + CALLBACK));
    }

    private boolean secure(Context ctx) {
        return people.publicUrl().map(u -> "https".equals(u.getScheme())).orElse("https".equals(ctx.scheme()));
    }

    private Cookie cookie(Context ctx, String name, String value, int maxAge, SameSite sameSite, String path) {
        return new Cookie(name, value, path, maxAge, secure(ctx), true, null, sameSite);
    }

    private static Optional<JsonNode> pending(String cookie) {
        if (cookie == null || cookie.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(Base64.getUrlDecoder().decode(cookie)));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static void page(Context ctx, int status, String message, String back) {
        Dashboard.HEADERS.forEach(ctx::header);
        ctx.status(status).contentType("text/html; charset=utf-8").result("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in · unstuck</title>
                <link rel="stylesheet" href="/ui/css/dashboard.css"></head>
                <body><main id="main"><h1>Sign-in</h1><p id="problem" role="alert">%s</p><p><a href="%s">Back to sign-in</a></p></main></body></html>
                """.formatted(html(message), html(back)));
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** Only a path of this site: a signed-in person is never sent elsewhere (no scheme, no host, no backslash, no control character). */
    static final class SafeNext {
        private SafeNext() {
        }

        static String of(String next) {
            if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                    || next.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
                return "/";
            }
            return next;
        }
    }
}
