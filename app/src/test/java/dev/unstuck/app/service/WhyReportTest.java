package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the dashboard's Why page reads: serve's watch ends guests looping through a named in-queue flow, and the report names it. */
class WhyReportTest {
    static final String FLOW_ID = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
    static final String SUPPORT_ID = "3a4b5c6d-7e8f-4091-a2b3-c4d5e6f70819";
    static final String SCENARIO = """
            {
              "seed": 8,
              "settings": {"rateLimitPerMinute": 100000},
              "roles": [{"name": "operator", "permissions": ["conversation:*:*", "analytics:*:*", "routing:queue:view"]}],
              "oauthClients": [{"id": "svc", "secret": "s3cret", "name": "service", "roles": ["operator"]}],
              "flows": [{"id": "%s", "name": "Support in-queue flow"}],
              "queues": [{"id": "%s", "name": "Support", "inQueueFlow": "Support in-queue flow"}],
              "guests": [
                {"label": "loop-1", "kind": "looping", "queue": "Support", "ageSeconds": 1500, "passes": 4},
                {"label": "loop-2", "kind": "looping", "queue": "Support", "ageSeconds": 1800, "passes": 5},
                {"label": "stuck", "kind": "waiting", "queue": "Support", "ageSeconds": 7200}
              ]
            }
            """.formatted(FLOW_ID, SUPPORT_ID);

    @TempDir
    Path home;

    ServiceFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new ServiceFixture(home, true, false, SCENARIO);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private int outcomes() {
        int n = 0;
        for (JsonNode r : fx.get("/api/v1/audit?org=acme&outcome=ended", fx.viewer).json().path("records")) {
            n += r.path("kind").asText().equals("outcome") ? 1 : 0;
        }
        return n;
    }

    @Test
    void theReportNamesTheFlowAndQueueTheWatchsLoopersBouncedBetween() {
        await().atMost(Duration.ofSeconds(60)).until(() -> fx.control.ended("loop-1") && fx.control.ended("loop-2")
                && fx.control.ended("stuck"));
        // The outcome is recorded once the engine has verified the ending, a moment after Genesys shows it ended.
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes() == 3);

        JsonNode report = fx.get("/api/v1/report?org=acme&since=1h", fx.viewer).json();

        assertThat(report.path("loops")).as(report.toString()).hasSize(1);
        JsonNode loop = report.path("loops").path(0);
        assertThat(loop.path("flowId").asText()).isEqualTo(FLOW_ID);
        assertThat(loop.path("flowName").asText()).isEqualTo("Support in-queue flow");
        assertThat(loop.path("queueId").asText()).isEqualTo(SUPPORT_ID);
        assertThat(loop.path("queueName").asText()).isEqualTo("Support");
        assertThat(loop.path("guests").asLong()).isEqualTo(2);
        assertThat(loop.path("bounces").asLong()).isEqualTo(9);
        assertThat(report.path("overdue")).singleElement().satisfies(o -> assertThat(o.path("guests").asLong()).isEqualTo(1));
        long endings = 0;
        for (JsonNode e : report.path("endingsByHour")) {
            endings += e.path("count").asLong();
        }
        assertThat(endings).isEqualTo(3);
    }
}
