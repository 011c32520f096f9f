package dev.unstuck.app.service;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watch of an org whose client was disabled (its tokens revoked, its channel's socket closed) and
 * enabled again: once the credential check sees the fix, the watch connects, scans and ends again at once,
 * not after the back-off its failed retries built up while the client was refused.
 */
class WatchAfterRefusalTest {
    @RegisterExtension
    static final ServiceFixture fx = ServiceFixture.on(ServiceFixture.operatorOrg(5).queues("Support")
                    .guests(Guest.waiting("young").queue("Support").ageSeconds(20)))
            .watching().onTheSandboxClock().reconnectingAfter(Duration.ofMinutes(2));

    /** The service's log, to know when the refused watch has tried again and is waiting out its back-off. */
    private final ListAppender<ILoggingEvent> log = listening();

    private static ListAppender<ILoggingEvent> listening() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger("unstuck.serve")).addAppender(appender);
        return appender;
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger("unstuck.serve")).detachAppender(log);
    }

    private long channelFailures() {
        synchronized (log.list) {
            return log.list.stream().filter(e -> e.getFormattedMessage().contains("cannot open a notification channel")).count();
        }
    }

    @Test
    void theWatchEndsAGuestWhoBecameStuckWhileTheClientWasDisabledWithoutWaitingOutItsBackOff() {
        await().atMost(Duration.ofSeconds(30)).until(() -> orgNow().path("up").asBoolean());

        fx.control.clientState(ServiceFixture.CLIENT_ID, "inactive");
        fx.control.advance(ServiceFixture.CREDENTIALS_EVERY);
        await().atMost(Duration.ofSeconds(20)).until(() -> orgNow().path("credentials").asText().startsWith("credentials refused"));
        // Past maxWait (30 min): the young guest is stuck now, and the watch, refused, retries on its back-off
        // (two minutes at least by now) and cannot end it.
        long failedBefore = channelFailures();
        fx.control.advance(Duration.ofMinutes(35));
        await().atMost(Duration.ofSeconds(20)).until(() -> channelFailures() > failedBefore);
        assertThat(fx.control.ended("young")).isFalse();

        fx.control.clientState(ServiceFixture.CLIENT_ID, "active");
        fx.control.advance(ServiceFixture.CREDENTIALS_EVERY);

        // No more sandbox time passes: what the check sees is what lets the watch work again.
        await().atMost(Duration.ofSeconds(30)).until(() -> orgNow().path("up").asBoolean());
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.control.ended("young"));
        assertThat(orgNow().path("credentials").asText()).isEqualTo("ok");
    }

    private static JsonNode orgNow() {
        return fx.get("/api/v1/orgs", fx.viewer).json().path("orgs").get(0);
    }
}
