package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import dev.unstuck.sandbox.client.ScenarioBuilder.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the dashboard's Why page reads: serve's watch ends guests looping through a named in-queue flow, and the report names it. */
class WhyReportTest {
    static final String FLOW_ID = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
    static final String SUPPORT_ID = "3a4b5c6d-7e8f-4091-a2b3-c4d5e6f70819";

    @RegisterExtension
    static final ServiceFixture fx = ServiceFixture.on(ServiceFixture.operatorOrg(8).flow("Support in-queue flow", FLOW_ID)
            .queue(Queue.named("Support").id(SUPPORT_ID).inQueueFlow("Support in-queue flow"))
            .guests(Guest.looping("loop-1").queue("Support").ageSeconds(1500).passes(4),
                    Guest.looping("loop-2").queue("Support").ageSeconds(1800).passes(5),
                    Guest.waiting("stuck").queue("Support").ageSeconds(7200))).watching();

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
