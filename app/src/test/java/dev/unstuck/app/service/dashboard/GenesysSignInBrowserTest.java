package dev.unstuck.app.service.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.unstuck.app.config.NotifySettings;
import dev.unstuck.app.config.OrgProfile;
import dev.unstuck.app.service.Service;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditLocation;
import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysOrg;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.client.ScenarioBuilder;
import dev.unstuck.sandbox.client.ScenarioBuilder.Client;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import dev.unstuck.sandbox.client.ScenarioBuilder.Queue;
import dev.unstuck.sandbox.client.ScenarioBuilder.User;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Supervisors sign in with their Genesys Cloud account through the sandbox's login (authorization code
 * grant with PKCE), in Debian's Chromium: their own Genesys permissions decide what the dashboard lets
 * them do, per division; the session cookie is useless to another site; sign-out ends the session; and
 * the same sign-in works inside a frame of an allowed origin, while any other origin's frame is refused.
 */
@ResourceLock(Browser.ONE_AT_A_TIME)
@Order(2) // the longest browser class starts early: the browser classes run one at a time
class GenesysSignInBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The org, its dashboard client sending codes back to the service on {@code port}. */
    private static ScenarioBuilder scenario(int port) {
        return ScenarioBuilder.seed(23).setting("rateLimitPerMinute", 100_000).divisions("Home", "EMEA")
                .role("unstuck", "conversation:*:*", "analytics:*:*", "routing:queue:view")
                .role("Supervisor", "analytics:conversationDetail:view", "conversation:communication:disconnect", "conversation:communication:view")
                .role("Viewer", "analytics:conversationDetail:view", "conversation:communication:view")
                .client(Client.of("svc", "svc-secret").role("unstuck", "*"))
                .client(Client.of("dashboard", "").grant("CODE", "http://127.0.0.1:" + port + "/signin/genesys/callback"))
                .user(User.of("Sam Supervisor", "sam@example.com", "sam-pass").division("EMEA").role("Viewer", "*").role("Supervisor", "EMEA"))
                .user(User.of("Vic Viewer", "vic@example.com", "vic-pass").role("Viewer", "*"))
                .queues("Support").queue(Queue.named("Support EMEA").division("EMEA"))
                .guests(Guest.waiting("emea").queue("Support EMEA").ageSeconds(4000), Guest.waiting("home").queue("Support").ageSeconds(4000));
    }

    /** Loaded again by each test with the port its service takes. */
    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension(scenario(1));

    private static Browser.Installed chrome;
    private static HttpServer hosts;
    private static int allowedHost;
    private static int otherHost;

    @TempDir
    Path home;

    private SandboxClient control;
    private AuditDatabase db;
    private Service service;
    private Browser browser;
    private String base;

    @BeforeAll
    static void hostsForFrames() throws IOException {
        chrome = Browser.installed();
        // Two other sites that put the dashboard in a frame: one the service allows (this one), one it does not (started later).
        hosts = framingSite(0);
        allowedHost = hosts.getAddress().getPort();
        otherHost = freePort();
    }

    /** A site whose page at {@code /?URL} shows URL in a frame named {@code app}, as Genesys Cloud shows a client app. */
    private static HttpServer framingSite(int port) throws IOException {
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        site.createContext("/", exchange -> {
            String target = exchange.getRequestURI().getQuery();
            byte[] page = ("<!doctype html><html><body><h1>Genesys Cloud (test host)</h1>"
                    + "<iframe id=\"app\" name=\"app\" width=\"1000\" height=\"600\" src=\"" + target + "\"></iframe></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        site.start();
        return site;
    }

    @AfterAll
    static void stopHosts() {
        if (hosts != null) {
            hosts.stop(0);
        }
    }

    private void start() throws Exception {
        int port = freePort();
        control = sandbox.control();
        control.loadScenario(scenario(port).json());
        db = AuditDatabase.open(AuditLocation.parse(home.resolve("audit.db").toString()));
        GenesysOrg target = new GenesysOrg("acme", Region.parse(sandbox.baseUri().toString()), new Credentials("svc", "svc-secret"),
                ClientSettings.defaults());
        Service.People people = new Service.People(Optional.empty(), List.of("http://localhost:" + allowedHost),
                Map.of("acme", new OrgProfile.SignIn("dashboard", Optional.empty(), Optional.empty())), Duration.ofMinutes(30), Duration.ofHours(8));
        service = Service.start(Service.Settings.defaults().withPort(port).withHost("127.0.0.1").withWatch(false,
                        Service.Settings.defaults().watchSettings()),
                List.of(target), Service.Policies.defaults(), db, Clock.systemUTC(),
                NotifySettings.none(), people);
        base = "http://127.0.0.1:" + service.port();
        browser = Browser.open(chrome, base);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (service != null) {
            service.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /** Through the sign-in page's Genesys button and the sandbox's login form, back to the dashboard. */
    private void signInWithGenesys(String email, String password, String expectedName) {
        browser.go("/signin");
        browser.visible(By.id("genesys-acme")).click();
        logIn(email, password);
        browser.waitFor(d -> d.getCurrentUrl().startsWith(base) && !d.findElements(By.id("who")).isEmpty()
                && d.findElement(By.id("who")).getText().startsWith(expectedName));
    }

    private void logIn(String email, String password) {
        browser.visible(By.id("username")).sendKeys(email);
        browser.driver.findElement(By.id("password")).sendKeys(password);
        browser.driver.findElement(By.id("submit")).click();
    }

    /** A request from the dashboard's own page, as a script there (or someone at its console) would make it. */
    private JsonNode fetchFromPage(String method, String path, String body, boolean withCsrf) throws Exception {
        Object answer = browser.script("""
                const [method, path, body, withCsrf] = arguments;
                const headers = {'Content-Type': 'application/json'};
                if (withCsrf) headers['X-CSRF-Token'] = sessionStorage.getItem('unstuck.csrf');
                const r = await fetch(path, {method, headers, body: body || undefined, credentials: 'same-origin'});
                return JSON.stringify({status: r.status, body: await r.text()});
                """, method, path, body, withCsrf);
        return JSON.readTree(answer.toString());
    }

    private String endPath(String label) {
        return "/api/v1/orgs/acme/conversations/" + control.conversationId(label) + "/end";
    }

    @Test
    void aSupervisorWithoutTheDisconnectPermissionSeesNoEndFormAndAForgedEndIsRefused() throws Exception {
        start();
        signInWithGenesys("vic@example.com", "vic-pass", "Vic Viewer");
        assertThat(browser.text("#who")).isEqualTo("Vic Viewer (viewer)");
        Cookie session = browser.driver.manage().getCookieNamed("unstuck_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");

        browser.go("/conversations/acme/" + control.conversationId("emea"));
        browser.waitFor(d -> d.findElement(By.id("no-end")).isDisplayed());
        assertThat(browser.driver.findElement(By.id("end-section")).isDisplayed()).isFalse();

        JsonNode forged = fetchFromPage("POST", endPath("emea"), "{\"reason\":\"forged\"}", true);
        assertThat(forged.path("status").asInt()).isEqualTo(403);
        JsonNode noCsrf = fetchFromPage("POST", endPath("emea"), "{\"reason\":\"forged\"}", false);
        assertThat(noCsrf.path("status").asInt()).isEqualTo(403);
        assertThat(JSON.readTree(noCsrf.path("body").asText()).path("message").asText()).contains("X-CSRF-Token");
        assertThat(control.ended("emea")).isFalse();
    }

    @Test
    void aSupervisorEndsAConversationOfTheirDivisionNotOfAnotherAndTheAuditNamesThem() throws Exception {
        start();
        signInWithGenesys("sam@example.com", "sam-pass", "Sam Supervisor");
        assertThat(browser.text("#who")).isEqualTo("Sam Supervisor (operator)");

        browser.go("/conversations/acme/" + control.conversationId("emea"));
        browser.visible(By.id("reason")).sendKeys("INC-23 guest stuck in Support EMEA");
        browser.driver.findElement(By.id("end-button")).click();
        browser.waitFor(d -> d.findElement(By.id("result")).isDisplayed() || browser.text("#status").startsWith("Not ended"));
        assertThat(browser.text("#status")).doesNotStartWith("Not ended");
        assertThat(control.ended("emea")).isTrue();

        JsonNode other = fetchFromPage("POST", endPath("home"), "{\"reason\":\"not my division\"}", true);
        assertThat(other.path("status").asInt()).isEqualTo(403);
        assertThat(JSON.readTree(other.path("body").asText()).path("message").asText())
                .contains("conversation:communication:disconnect").contains("division");
        assertThat(control.ended("home")).isFalse();

        JsonNode audit = fetchFromPage("GET", "/api/v1/audit?conversation=" + control.conversationId("emea"), null, false);
        JsonNode entries = JSON.readTree(audit.path("body").asText()).path("records");
        assertThat(entries.size()).isPositive();
        String userId = JSON.readTree(fetchFromPage("GET", "/api/v1/me", null, false).path("body").asText()).path("userId").asText();
        assertThat(userId).isNotBlank();
        assertThat(entries).allSatisfy(e -> assertThat(e.path("requestedBy").asText()).isEqualTo("genesys:Sam Supervisor (" + userId + ")"));
    }

    @Test
    void theSessionCookieIsNotSentCrossSiteAndSignOutEndsTheSession() throws Exception {
        start();
        signInWithGenesys("sam@example.com", "sam-pass", "Sam Supervisor");

        // Another site posts a form at the service (a top-level cross-site POST): the Strict cookie stays home, so 401, not 403.
        browser.driver.get("http://localhost:" + allowedHost + "/?about:blank");
        browser.script("""
                const form = document.createElement('form');
                form.method = 'POST';
                form.action = arguments[0];
                form.enctype = 'text/plain';
                const field = document.createElement('input');
                field.name = '{"reason":"csrf","x":"';
                field.value = '"}';
                form.append(field);
                document.body.append(form);
                form.submit();
                """, base + endPath("emea"));
        browser.waitFor(d -> d.getCurrentUrl().startsWith(base));
        assertThat(browser.driver.findElement(By.tagName("body")).getText()).contains("\"status\":401");
        assertThat(control.ended("emea")).isFalse();

        browser.go("/");
        browser.visible(By.id("signout")).click();
        browser.waitFor(d -> d.getCurrentUrl().contains("/signin"));
        JsonNode after = fetchFromPage("GET", "/api/v1/me", null, false);
        assertThat(after.path("status").asInt()).isEqualTo(401);
    }

    @Test
    void signInWorksInAFrameOfAnAllowedOriginAndAnyOtherOriginsFrameIsRefused() throws Exception {
        start();
        browser.driver.get("http://localhost:" + allowedHost + "/?" + base + "/signin");
        String host = browser.driver.getWindowHandle();
        browser.driver.switchTo().frame("app");
        browser.visible(By.id("genesys-acme")).click();
        browser.waitFor(d -> d.getWindowHandles().size() == 2);
        String popup = browser.driver.getWindowHandles().stream().filter(h -> !h.equals(host)).findFirst().orElseThrow();
        browser.driver.switchTo().window(popup);
        logIn("sam@example.com", "sam-pass");
        browser.waitFor(d -> d.getWindowHandles().size() == 1);
        browser.driver.switchTo().window(host);
        browser.driver.switchTo().frame("app");
        browser.waitFor(d -> !d.findElements(By.id("who")).isEmpty() && d.findElement(By.id("who")).getText().startsWith("Sam Supervisor"));

        HttpServer other = framingSite(otherHost);
        try {
            browser.driver.switchTo().defaultContent();
            browser.consoleProblems();
            browser.driver.get("http://localhost:" + otherHost + "/?" + base + "/signin");
            browser.waitFor(d -> browser.consoleProblems().stream().anyMatch(m -> m.contains("frame-ancestors")));
            browser.driver.switchTo().frame("app");
            assertThat(browser.driver.findElements(By.id("signin-form"))).isEmpty();
        } finally {
            other.stop(0);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
