package dev.unstuck.app.notify;

import dev.unstuck.app.config.NotifySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AlertsTest {
    private final Receiver receiver = new Receiver();
    private final Courier courier = new Courier(Clock.systemUTC(), new Courier.Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 3), "t");
    private final Alerts alerts = new Alerts(List.of(new NotifySettings.Target("oncall", NotifySettings.Kind.WEBHOOK,
            receiver.url("/hook"), Optional.of("0123456789abcdef-secret"))), courier, Clock.systemUTC());

    @AfterEach
    void close() {
        courier.close();
        receiver.close();
    }

    private List<String> statuses() {
        return receiver.received().stream().map(r -> r.json().path("status").asText() + " " + r.json().path("condition").asText()
                + " " + r.json().path("subject").asText()).toList();
    }

    @Test
    void tellsOnceWhileAConditionHoldsThenOnceResolved() {
        alerts.raise(Condition.ENDINGS_FAILING, "prod", "", "5 failed");
        alerts.raise(Condition.ENDINGS_FAILING, "prod", "", "6 failed");
        alerts.raise(Condition.ENDINGS_FAILING, "prod", "", "7 failed");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);

        alerts.clear(Condition.ENDINGS_FAILING, "prod", "", "fewer failed");
        alerts.clear(Condition.ENDINGS_FAILING, "prod", "", "fewer failed");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);

        alerts.raise(Condition.WATCH_DOWN, "prod", "", "down"); // a later message proves nothing more was queued before it
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 3);
        assertThat(statuses()).containsExactly("firing endings-failing ", "resolved endings-failing ", "firing watch-down ");
        assertThat(receiver.received().get(1).json().path("since").asText())
                .isEqualTo(receiver.received().get(0).json().path("since").asText());
    }

    @Test
    void keepsConditionsOfOtherOrgsAndSubjectsApart() {
        alerts.raise(Condition.FLOW_LOOPING, "prod", "Support in-queue flow", "25 looping");
        alerts.raise(Condition.FLOW_LOOPING, "prod", "Billing in-queue flow", "30 looping");
        alerts.raise(Condition.FLOW_LOOPING, "test", "Support in-queue flow", "21 looping");
        alerts.clear(Condition.FLOW_LOOPING, "prod", "Support in-queue flow", "fewer");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 4);
        assertThat(statuses()).containsExactlyInAnyOrder("firing flow-looping Support in-queue flow",
                "firing flow-looping Billing in-queue flow", "firing flow-looping Support in-queue flow",
                "resolved flow-looping Support in-queue flow");
        assertThat(alerts.holds(Condition.FLOW_LOOPING, "prod", "Billing in-queue flow")).isTrue();
        assertThat(alerts.holds(Condition.FLOW_LOOPING, "prod", "Support in-queue flow")).isFalse();
    }
}
