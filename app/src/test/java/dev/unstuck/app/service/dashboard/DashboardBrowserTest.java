package dev.unstuck.app.service.dashboard;

import dev.unstuck.core.detect.QueuePolicy;
import dev.unstuck.sandbox.client.SandboxClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Duration;
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
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    @TempDir
    static Path home;

    static DemoService demo;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        demo = new DemoService(home, 1);
        try {
            browser = Browser.open(demo.base());
        } catch (RuntimeException | Error e) { // also the skip: stop the service before it propagates
            demo.close();
            demo = null;
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (demo != null) {
            demo.close();
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
        browser.screenshot("now");
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
