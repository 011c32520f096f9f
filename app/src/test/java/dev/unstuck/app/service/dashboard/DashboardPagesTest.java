package dev.unstuck.app.service.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dashboard's pages and assets over plain HTTP: what a browser is told before it runs anything. */
class DashboardPagesTest {
    private static final List<String> PAGES = List.of("/", "/endings", "/why", "/audit", "/signin",
            "/conversations/demo/3f2b6c1e-8d4a-4e2f-9b1a-2c3d4e5f6a7b");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SandboxExtension sandbox = DemoService.sandbox();

    @TempDir
    static Path home;

    static DemoService demo;

    @BeforeAll
    static void start() throws Exception {
        demo = new DemoService(sandbox, home, 1);
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(demo.base() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyPageAndAssetForbidsInlineScriptAndOtherOriginsThroughItsContentSecurityPolicy() throws Exception {
        for (String path : concat(PAGES, List.of("/ui/js/now.js", "/ui/css/dashboard.css", "/ui/vendor/chartjs/chart.umd.min.js"))) {
            HttpResponse<String> page = get(path, null);

            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path).hasValue(
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
                            + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        }
        assertThat(get("/ui/js/now.js", null).headers().firstValue("Content-Type").orElse("")).contains("javascript");
    }

    @Test
    void thePagesHoldNoInlineScriptNoEventHandlerAttributeAndNoInlineStyle() throws Exception {
        Pattern script = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
        for (String path : PAGES) {
            String html = get(path, null).body();
            Matcher m = script.matcher(html);
            int scripts = 0;
            while (m.find()) {
                scripts++;
                assertThat(m.group(1)).as(path + ": every script is a file of this origin").matches(".*\\bsrc=\"/ui/[^\"]+\".*");
            }
            assertThat(scripts).as(path).isPositive();
            assertThat(html).as(path).doesNotContainPattern("(?i)\\son[a-z]+\\s*=").doesNotContainPattern("(?i)\\sstyle\\s*=")
                    .doesNotContainPattern("(?i)<style").doesNotContainPattern("(?i)https?://");
        }
    }

    @Test
    void meNamesTheCallerAndWhatItsRoleAllows() throws Exception {
        JsonNode viewer = JSON.readTree(get("/api/v1/me", demo.viewer).body());
        JsonNode operator = JSON.readTree(get("/api/v1/me", demo.operator).body());
        JsonNode admin = JSON.readTree(get("/api/v1/me", demo.admin).body());

        assertThat(viewer.path("name").asText()).isEqualTo("supervisor");
        assertThat(viewer.path("role").asText()).isEqualTo("viewer");
        assertThat(viewer.path("via").asText()).isEqualTo("token");
        assertThat(viewer.path("mayEnd").asBoolean()).isFalse();
        assertThat(operator.path("mayEnd").asBoolean()).isTrue();
        assertThat(operator.path("mayForce").asBoolean()).isFalse();
        assertThat(admin.path("mayForce").asBoolean()).isTrue();
        assertThat(get("/api/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(viewer.toString()).doesNotContain(demo.viewer);
    }

    @Test
    void theOrgsListTellsTheWatchsStateAndItsHourlyLimitWithoutAskingGenesys() throws Exception {
        await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                !JSON.readTree(get("/api/v1/orgs", demo.viewer).body()).path("orgs").get(0).path("lastScan").isNull());

        JsonNode org = JSON.readTree(get("/api/v1/orgs", demo.viewer).body()).path("orgs").get(0);

        assertThat(org.path("org").asText()).isEqualTo("demo");
        assertThat(org.path("watchedHere").asBoolean()).isTrue();
        assertThat(org.path("following").asInt()).isPositive();
        assertThat(org.path("requestsPerMinute").asInt()).isPositive();
        assertThat(org.path("budgetUsed").asDouble()).isBetween(0.0001, 1.0);
        assertThat(org.path("limit").asInt()).isEqualTo(1);
        await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                JSON.readTree(get("/api/v1/orgs", demo.viewer).body()).path("orgs").get(0).path("atLimit").asBoolean());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
