package dev.unstuck.app.service.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.app.store.AnalyticsGhosts;
import dev.unstuck.app.store.SharedConnection;
import dev.unstuck.core.detect.AnalyticsGhost;
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pages that read the report (Why, and the Endings charts) after the watch has ended the demo org's
 * stuck, looping and orphaned guests: its loopers bounce between their queue and the queue's in-queue
 * flow, and the Why page must name both, with the Genesys ids a team needs to fix the flow.
 */
@ResourceLock(Browser.ONE_AT_A_TIME)
class DashboardReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The demo org with ids given to its flows, so the page's links can be checked. */
    private static final JsonNode SCENARIO = withFlowIds(readTree(DemoService.demoScenario()));

    @RegisterExtension
    static final SandboxExtension sandbox = DemoService.sandbox(SCENARIO.toString());

    @TempDir
    static Path home;

    static JsonNode scenario;
    static DemoService demo;
    static Browser browser;
    static OnDemo session;

    @BeforeAll
    static void start() throws Exception {
        Browser.Installed chrome = Browser.installed();
        scenario = SCENARIO;
        session = OnDemo.open(chrome, new DemoService(sandbox, home, 100));
        demo = session.demo();
        browser = session.browser();
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo scenario with an id on every flow, so the test knows the id the Why page must show. */
    private static JsonNode withFlowIds(JsonNode demoScenario) {
        ObjectNode copy = demoScenario.deepCopy();
        copy.path("flows").forEach(flow -> {
            if (!flow.hasNonNull("id")) {
                ((ObjectNode) flow).put("id", UUID.nameUUIDFromBytes(flow.path("name").asText().getBytes()).toString());
            }
        });
        return copy;
    }

    @Test
    void theWhyPageNamesTheFlowAndQueueTheDemoLoopersBounceBetweenWithTheirIds() {
        List<SandboxClient.Guest> loopers = demo.control.conversations().stream().filter(g -> g.kind().equals("looping")).toList();
        assertThat(loopers).as("the demo org has looping guests").isNotEmpty();
        await().atMost(Duration.ofSeconds(60)).until(() -> loopers.stream().allMatch(g -> demo.control.conversation(g.id())
                .path("ended").asBoolean()));
        Map<String, String> queueNames = demo.control.queueStats().stream()
                .collect(Collectors.toMap(SandboxClient.QueueStats::queueId, SandboxClient.QueueStats::name));
        Map<String, String> flowOfQueue = new HashMap<>();
        scenario.path("queues").forEach(q -> flowOfQueue.put(q.path("name").asText(), q.path("inQueueFlow").asText()));
        Map<String, String> flowIds = new HashMap<>();
        scenario.path("flows").forEach(f -> flowIds.put(f.path("name").asText(), f.path("id").asText()));

        browser.signIn(demo.viewer, "supervisor");
        browser.go("/why?org=demo&since=1d");
        browser.waitFor(d -> "demo/1d".equals(d.findElement(By.tagName("body")).getAttribute("data-shown")));

        for (SandboxClient.Guest looper : loopers) {
            String queue = queueNames.get(looper.queueId());
            String flow = flowOfQueue.get(queue);
            assertThat(flow).as("the scenario names the in-queue flow of " + queue).isNotBlank();
            List<WebElement> rows = browser.all(By.cssSelector("#loops-table tr[data-flow-id='" + flowIds.get(flow)
                    + "'][data-queue-id='" + looper.queueId() + "']"));
            assertThat(rows).as("a row for the flow %s and the queue %s", flow, queue).hasSize(1);
            assertThat(rows.get(0).findElement(By.cssSelector("[data-field=flow]")).getText()).isEqualTo(flow);
            assertThat(rows.get(0).findElement(By.cssSelector("[data-field=queue]")).getText()).isEqualTo(queue);
            assertThat(rows.get(0).getText()).contains(flowIds.get(flow)).contains(looper.queueId());
        }
        assertThat(browser.all(By.cssSelector("#overdue-table tbody tr"))).as("queues whose guests waited past maxWait").isNotEmpty();
        browser.screenshot("why");
    }

    @Test
    void theEndingsPageChartsTheWatchsEndingsByReason() {
        await().atMost(Duration.ofSeconds(60)).until(() -> demo.control.conversations().stream()
                .anyMatch(g -> g.kind().equals("looping") && g.ended()));

        browser.signIn(demo.viewer, "supervisor");
        browser.go("/endings");
        browser.waitFor(d -> "drawn".equals(d.findElement(By.tagName("body")).getAttribute("data-charts")));

        assertThat(browser.all(By.cssSelector("#table-day tr[data-reason=looping]"))).hasSize(1);
        assertThat(browser.all(By.cssSelector("#chart-day")).get(0).isDisplayed()).isTrue();
        assertThat(browser.consoleProblems()).as("Chart.js under the content security policy").isEmpty();
        browser.script("document.getElementById('chart-day').scrollIntoView({block: 'end'})");
        browser.screenshot("endings");
    }

    @Test
    void theEndingsPageCountsTheAnalyticsGhostsApartFromTheEndings() {
        // A look found it over while analytics listed it open (as a sweep or the watch records one).
        try (SharedConnection c = SharedConnection.open(demo.db.location())) {
            new AnalyticsGhosts(c, "demo").remember(new AnalyticsGhost("ghost-of-the-demo", "Support", demo.clock.instant(), false));
        }

        browser.signIn(demo.viewer, "supervisor");
        browser.go("/endings");
        browser.waitFor(d -> d.findElement(By.tagName("body")).getAttribute("data-charts") != null);

        WebElement day = browser.driver.findElement(By.id("ghosts-day"));
        assertThat(day.getAttribute("data-ghosts")).isEqualTo("1");
        assertThat(day.getText()).startsWith("Analytics ghosts: 1 ").contains("not endings");
        assertThat(browser.driver.findElement(By.id("ghosts-week")).getAttribute("data-ghosts")).isEqualTo("1");
        assertThat(browser.all(By.cssSelector("#table-day tr[data-reason]"))).noneMatch(r -> r.getText().contains("ghost"));
    }

    @Test
    void theAuditPageFiltersByReasonOutcomeAndCaller() {
        List<SandboxClient.Guest> loopers = demo.control.conversations().stream().filter(g -> g.kind().equals("looping")).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> loopers.stream().allMatch(g -> demo.control.conversation(g.id())
                .path("ended").asBoolean()));
        browser.signIn(demo.viewer, "supervisor");
        browser.go("/audit");
        browser.waitFor(d -> d.findElement(By.tagName("body")).getAttribute("data-records") != null);

        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("f-org"))).selectByValue("demo");
        browser.driver.findElement(By.id("f-reason")).sendKeys("looping");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("f-outcome"))).selectByValue("ended");
        browser.driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
        browser.waitFor(d -> d.getCurrentUrl().contains("reason=looping")
                && d.findElement(By.tagName("body")).getAttribute("data-records") != null);

        java.util.Set<String> shown = browser.all(By.cssSelector("#records tbody tr")).stream()
                .map(row -> row.getAttribute("data-conversation")).collect(Collectors.toSet());
        assertThat(shown).as("the looping endings, and nothing else").isEqualTo(
                loopers.stream().map(SandboxClient.Guest::id).collect(Collectors.toSet()));

        browser.driver.findElement(By.id("f-caller")).sendKeys("token:nobody");
        browser.driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
        browser.visible(By.cssSelector("#records [data-empty=records]"));
    }
}
