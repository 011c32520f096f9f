package dev.unstuck.app.service.dashboard;

import dev.unstuck.core.detect.QueuePolicy;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser (Debian's Chromium, headless) against {@code serve} on the sandbox's
 * demo org. One browser and one service for the class; each test reads the state it checks from the
 * sandbox at the time, and the one that moves the clock on runs last.
 */
@ResourceLock(Browser.ONE_AT_A_TIME)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    @RegisterExtension
    static final SandboxExtension sandbox = DemoService.sandbox();

    @TempDir
    static Path home;

    static DemoService demo;
    static Browser browser;
    static OnDemo session;

    @BeforeAll
    static void start() throws Exception {
        Browser.Installed chrome = Browser.installed();
        session = OnDemo.open(chrome, new DemoService(sandbox, home, 1));
        demo = session.demo();
        browser = session.browser();
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    @AfterEach
    void signOut() {
        browser.signOut();
    }

    @Test
    @Order(1)
    void aVisitorWithoutATokenIsSentToSignInAndAWrongTokenIsRefusedInOneLine() {
        browser.go("/");
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/signin"));
        browser.screenshot("signin");

        browser.visible(By.id("token")).sendKeys("ust_not-a-token");
        browser.driver.findElement(By.cssSelector("#signin-form button[type=submit]")).click();

        WebElement status = browser.waitFor(d -> {
            WebElement s = d.findElement(By.id("status"));
            return "error".equals(s.getAttribute("data-kind")) ? s : null;
        });
        assertThat(status.getText()).contains("unknown, revoked or expired");
        assertThat(browser.script("return sessionStorage.getItem('unstuck.token')")).isNull();
    }

    @Test
    @Order(2)
    void theNowPageShowsTheStuckLoopingAndOrphanedGuestsTheSandboxHasPerQueue() {
        browser.signIn(demo.viewer, "supervisor");
        assertThat(browser.driver.findElement(By.id("who")).getText()).isEqualTo("supervisor (viewer)");

        browser.go("/");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(shownCounts()).as("the Now page against the sandbox's open guests").isEqualTo(sandboxCounts()));
        assertThat(sandboxCounts()).as("the demo org has stuck, looping and orphaned guests").containsKeys(
                "Support/stuck", "Support/looping", "Billing/orphaned");
        assertThat(browser.text("section[data-org='demo'] [data-field=watch]")).isEqualTo("connected");
        assertThat(browser.text("section[data-org='demo'] [data-field=last-scan]")).endsWith("ago");
        assertThat(browser.text("section[data-org='demo'] [data-field=limit]")).as("the watch's limit of one an hour is used")
                .startsWith("reached: 1 ended in the last hour");
        browser.screenshot("now");
    }

    @Test
    @Order(3)
    void anOperatorEndsAConversationFromItsPageAndSeesItInTheFeedTheAuditAndTheSandbox() {
        String id = openGuest("waiting-long-2");
        browser.signIn(demo.operator, "oncall");

        browser.go("/conversations/demo/" + id);
        browser.waitFor(d -> d.findElements(By.cssSelector("#plan [data-plan=end] li")).size() > 0);
        assertThat(browser.text("#plan")).as("the plan is shown before the form").contains("PATCH");
        assertThat(browser.visible(By.id("end-section")).isDisplayed()).isTrue();
        assertThat(browser.driver.findElement(By.id("force-line")).isDisplayed()).as("force is for an admin").isFalse();
        browser.driver.findElement(By.id("reason")).sendKeys("INC-4711 guest stuck in Support");
        browser.screenshot("conversation");
        browser.driver.findElement(By.id("end-button")).click();

        browser.waitFor(d -> d.findElements(By.cssSelector("#result-body [data-outcome^=ended]")).size() > 0);
        assertThat(demo.control.conversation(id).path("ended").asBoolean()).as("ended in the sandbox").isTrue();
        browser.waitFor(d -> "ended".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));

        browser.go("/endings");
        WebElement feedItem = browser.visible(By.cssSelector("#feed li[data-type=ending][data-conversation='" + id + "']"));
        assertThat(feedItem.getText()).contains("token:oncall");
        @SuppressWarnings("unchecked")
        List<String> asked = (List<String>) browser.script(
                "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/api/v1/audit'))");
        assertThat(asked).as("the feed asks the audit for the endings it shows, no more").singleElement().asString()
                .endsWith("/api/v1/audit?kind=outcome&limit=30");

        browser.go("/audit?conversation=" + id + "&org=demo");
        browser.waitFor(d -> d.findElements(By.cssSelector("#history li[data-kind=outcome]")).size() > 0);
        assertThat(browser.text("#history")).contains("token:oncall").contains("INC-4711 guest stuck in Support");
        assertThat(browser.all(By.cssSelector("#history li[data-kind=step]"))).as("each HTTP call of the ending").isNotEmpty();
        assertThat(browser.all(By.cssSelector("#records tr[data-conversation='" + id + "']"))).isNotEmpty();
        browser.screenshot("audit");

        List<String> csv = browser.download(() -> browser.driver.findElement(By.id("export")).click(), ".csv");
        assertThat(csv.get(0)).contains("conversationId").contains("requestedBy");
        assertThat(csv.subList(1, csv.size())).as("the filtered records, one a line").isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains(id));
        assertThat(String.join("\n", csv)).contains("token:oncall").doesNotContain(demo.operator);
    }

    @Test
    @Order(4)
    void aViewerSeesNoEndFormAndTheApiRefusesAForgedEnding() {
        String id = openGuest("waiting-long-3");
        browser.signIn(demo.viewer, "supervisor");

        browser.go("/conversations/demo/" + id);
        browser.waitFor(d -> "open".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        browser.visible(By.id("no-end"));

        assertThat(browser.driver.findElement(By.id("end-section")).isDisplayed()).isFalse();
        assertThat(browser.all(By.cssSelector("button")).stream().filter(WebElement::isDisplayed).map(WebElement::getText))
                .as("no button that ends").noneMatch(text -> text.toLowerCase(java.util.Locale.ROOT).contains("end"));
        Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/v1/orgs/demo/conversations/' + arguments[0] + '/end', {method: 'POST',
                    headers: {'Authorization': 'Bearer ' + sessionStorage.getItem('unstuck.token'), 'Content-Type': 'application/json'},
                    body: JSON.stringify({reason: 'forged from the browser'})}).then(r => done(r.status), e => done(String(e)));""", id);
        assertThat(status).isEqualTo(403L);
        assertThat(demo.control.conversation(id).path("ended").asBoolean()).isFalse();
    }

    @Test
    @Order(5)
    void signingInAndMovingBetweenPagesWorksWithTheKeyboardAloneWithTheFocusVisible() {
        browser.go("/signin");
        browser.waitFor(d -> "token".equals(browser.script("return document.activeElement.id")));
        browser.driver.switchTo().activeElement().sendKeys(demo.viewer, org.openqa.selenium.Keys.ENTER);
        browser.waitFor(d -> browser.text("#who").startsWith("supervisor"));

        browser.driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
        assertThat(browser.script("return document.activeElement.textContent")).isEqualTo("Skip to the content");
        for (int i = 0; i < 10 && !"Audit".equals(browser.script("return document.activeElement.textContent")); i++) {
            browser.driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
        }
        assertThat(browser.script("return document.activeElement.textContent")).isEqualTo("Audit");
        assertThat(browser.script("return getComputedStyle(document.activeElement).outlineStyle")).as("focus visible").isNotEqualTo("none");
        browser.driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/audit"));
        browser.waitFor(d -> d.findElement(By.tagName("body")).getAttribute("data-records") != null);

        assertThat(browser.all(By.cssSelector("input, select")).stream().filter(WebElement::isDisplayed))
                .as("every field has a label").allSatisfy(field -> assertThat(
                        browser.all(By.cssSelector("label[for='" + field.getAttribute("id") + "']"))).isNotEmpty());
    }

    @Test
    @Order(6)
    void noPageBreaksTheContentSecurityPolicyChartsIncluded() {
        browser.signIn(demo.viewer, "supervisor");
        browser.consoleProblems(); // forget what earlier tests left
        for (String page : java.util.List.of("/", "/endings", "/why", "/audit", "/conversations/demo/" + demo.control.conversationId("live-1"))) {
            browser.go(page);
            browser.waitFor(d -> !browser.text("#who").equals("…"));
        }
        browser.go("/endings");
        browser.waitFor(d -> d.findElement(By.tagName("body")).getAttribute("data-charts") != null);

        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    @Order(7)
    void anAdminSeesTheForcedPlanOfALiveAgentConversationBeforeAnyForceIsSent() {
        String id = openGuest("live-1");
        browser.signIn(demo.admin, "lead");

        browser.go("/conversations/demo/" + id);
        browser.waitFor(d -> d.findElements(By.cssSelector("#plan [data-plan=skip]")).size() > 0);
        assertThat(browser.text("#plan")).as("without force an agent's conversation is left alone").contains("agent");
        browser.visible(By.id("force")).click();

        browser.waitFor(d -> d.findElements(By.cssSelector("#plan [data-plan=end] li")).size() > 0);
        assertThat(demo.control.conversation(id).path("ended").asBoolean()).as("looking changes nothing").isFalse();
    }

    @Test
    @Order(8)
    void signingInGoesBackOnlyToAPathOfThisSite() {
        browser.go("/signin?next=%2F%09%2Fevil.example%2F");
        WebElement field = browser.visible(By.id("token"));
        field.sendKeys(demo.viewer);
        browser.driver.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        browser.waitFor(d -> d.findElement(By.id("who")).getText().startsWith("supervisor"));

        assertThat(browser.driver.getCurrentUrl()).isEqualTo(demo.base() + "/");
        @SuppressWarnings("unchecked")
        Map<String, String> next = (Map<String, String>) ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/ui/js/api.js').then((m) => {
                  const asked = ['/\\t/evil.example/', '/\\n/evil.example', '//evil.example', '/\\\\evil.example', '/ /evil.example',
                    'https://evil.example/', 'javascript:alert(1)', '/\\u2028/evil.example', '/audit?org=acme#top'];
                  done(Object.fromEntries(asked.map((a) => [a, m.safeNext(a)])));
                });
                """);
        assertThat(next).hasSize(9).allSatisfy((asked, answer) -> {
            if (asked.startsWith("/audit")) {
                assertThat(answer).isEqualTo(asked);
            } else {
                assertThat(answer).as(asked).isEqualTo("/");
            }
        });
    }

    @Test
    @Order(20)
    void anEndingByTheWatchAppearsInTheFeedWithinTwoSeconds() {
        browser.signIn(demo.viewer, "supervisor");
        browser.go("/endings");
        browser.waitFor(d -> "live".equals(d.findElement(By.tagName("body")).getAttribute("data-feed")));
        java.util.Set<String> endedBefore = endedIds();

        // An hour later the watch may end again (its limit is one an hour) and the oldest stuck guest is due.
        demo.clock.advance(Duration.ofMinutes(61));

        String ended = await().atMost(Duration.ofSeconds(30)).until(() -> endedIds().stream()
                .filter(id -> !endedBefore.contains(id)).findFirst(), java.util.Optional::isPresent).orElseThrow();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() -> !browser.all(By.cssSelector(
                "#feed li[data-type=ending][data-source=watch][data-conversation='" + ended + "']")).isEmpty());
    }

    private java.util.Set<String> endedIds() {
        return demo.control.conversations().stream().filter(SandboxClient.Guest::ended).map(SandboxClient.Guest::id)
                .collect(Collectors.toSet());
    }

    /** The sandbox's guest of that label, checked open (an earlier test or the watch may have ended another). */
    private String openGuest(String label) {
        SandboxClient.Guest guest = demo.control.guest(label).orElseThrow();
        assertThat(guest.ended()).as(label + " is open before the test").isFalse();
        return guest.id();
    }

    /** Per "queue/reason", the counts the Now page shows now (zeros left out), read in one go as the page re-renders. */
    @SuppressWarnings("unchecked")
    private Map<String, Integer> shownCounts() {
        Map<String, Object> shown = (Map<String, Object>) browser.script("""
                const counts = {};
                for (const row of document.querySelectorAll("section[data-org='demo'] tbody tr")) {
                  for (const cell of row.querySelectorAll('td[data-count]')) {
                    const n = Number(cell.textContent);
                    if (cell.dataset.count !== 'waiting' && n > 0) counts[row.dataset.queue + '/' + cell.dataset.count] = n;
                  }
                }
                return counts;""");
        Map<String, Integer> counts = new TreeMap<>();
        shown.forEach((key, value) -> counts.put(key, ((Number) value).intValue()));
        return counts;
    }

    /**
     * Per "queue/reason", the sandbox's open guests as detection must judge them at the sandbox's time:
     * looping and orphaned guests by kind, waiting ones once older than the policy's maxWait.
     */
    private Map<String, Integer> sandboxCounts() {
        Map<String, String> queueNames = demo.control.queueStats().stream()
                .collect(Collectors.toMap(SandboxClient.QueueStats::queueId, SandboxClient.QueueStats::name));
        long maxWait = QueuePolicy.defaults().maxWait().toSeconds();
        Map<String, Integer> counts = new TreeMap<>();
        for (SandboxClient.Guest guest : demo.control.conversations()) {
            if (guest.ended()) {
                continue;
            }
            String reason = switch (guest.kind()) {
                case "looping" -> "looping";
                case "orphaned" -> "orphaned";
                case "waiting" -> demo.control.conversation(guest.id()).path("ageSeconds").asLong() >= maxWait ? "stuck" : null;
                default -> null;
            };
            if (reason != null) {
                counts.merge(queueNames.get(guest.queueId()) + "/" + reason, 1, Integer::sum);
            }
        }
        return counts;
    }
}
