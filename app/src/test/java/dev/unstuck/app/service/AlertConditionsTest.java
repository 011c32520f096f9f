package dev.unstuck.app.service;

import dev.unstuck.app.config.NotifySettings;
import dev.unstuck.app.notify.Alerts;
import dev.unstuck.app.notify.Courier;
import dev.unstuck.app.notify.Receiver;
import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.detect.Guest;
import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.Reason;
import dev.unstuck.core.detect.Verdict;
import dev.unstuck.core.engine.Cause;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysOrg;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.sandbox.junit.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What serve tells people, judged from its doings and the orgs' state on a clock the test moves. */
class AlertConditionsTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final Receiver receiver = new Receiver();
    private final Courier courier = new Courier(clock, new Courier.Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 3), "serve@test");
    private final OrgRuntime prod;
    private final AlertConditions conditions;

    AlertConditionsTest() throws Exception {
        // The org's client is never called here: the conditions read the org's state, not Genesys.
        GenesysOrg target = new GenesysOrg("prod", Region.parse("http://127.0.0.1:9"), new Credentials("svc", "secret"), ClientSettings.defaults());
        GenesysClient client = GenesysClient.create(target.region(), target.credentials(), target.settings());
        prod = new OrgRuntime(target, client, base -> null, Policy.defaults());
        NotifySettings settings = new NotifySettings(List.of(new NotifySettings.Target("oncall", NotifySettings.Kind.WEBHOOK,
                receiver.url("/hook"), Optional.of("0123456789abcdef-secret"))),
                new NotifySettings.Threshold(3, Duration.ofMinutes(10)), new NotifySettings.Threshold(2, Duration.ofHours(1)));
        conditions = new AlertConditions(new OrgRuntimes(List.of(prod)), new Alerts(settings.targets(), courier, clock), settings, clock);
    }

    @AfterEach
    void close() {
        courier.close();
        receiver.close();
    }

    private List<String> told() {
        return receiver.received().stream().map(r -> r.json().path("status").asText() + " " + r.json().path("condition").asText()
                + (r.json().path("subject").asText().isEmpty() ? "" : " " + r.json().path("subject").asText())).toList();
    }

    private void awaitTold(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= count);
        assertThat(receiver.received()).hasSize(count);
    }

    private static Outcome failed(Cause cause) {
        return new Outcome.Failed("c-" + System.nanoTime(), cause, List.of(), Duration.ZERO, List.of());
    }

    @Test
    void endingsFailingIsToldOnceWhileTheyFailThenResolvedWhenTheWindowEmpties() {
        for (int i = 0; i < 3; i++) {
            conditions.ended("prod", "watch", "Support", "stuck", failed(new Cause.Unreachable("502")));
        }
        conditions.judge();
        conditions.ended("prod", "watch", "Support", "stuck", failed(new Cause.Unreachable("502")));
        conditions.judge();
        awaitTold(1);
        assertThat(receiver.received().get(0).json().path("summary").asText()).isEqualTo("3 endings failed in the last 10m");

        clock.move(Duration.ofMinutes(11));
        conditions.judge();
        conditions.judge();
        awaitTold(2);
        assertThat(told()).containsExactly("firing endings-failing", "resolved endings-failing");
    }

    @Test
    void fewerFailuresThanTheThresholdTellNobody() {
        conditions.ended("prod", "api", "", "", failed(new Cause.Unreachable("502")));
        conditions.ended("prod", "api", "", "", failed(new Cause.Unreachable("502")));
        conditions.judge();
        prod.limitReached(clock.instant()); // something else that is told, so the test knows the first judging is done
        conditions.judge();

        awaitTold(1);
        assertThat(told()).containsExactly("firing limit-reached");
    }

    @Test
    void aMissingPermissionIsToldAtOnceAndResolvedByTheNextEnding() {
        conditions.ended("prod", "api", "", "", failed(new Cause.PermissionMissing(List.of("conversation:communication:disconnect"),
                "svc", List.of("unstuck"), "add it to role unstuck")));
        awaitTold(1);
        assertThat(receiver.received().get(0).json().path("summary").asText()).contains("conversation:communication:disconnect");

        conditions.ended("prod", "api", "", "", new Outcome.Ended("c-1", List.of(), Duration.ZERO, List.of(), false));
        awaitTold(2);
        assertThat(told()).containsExactly("firing permission-missing", "resolved permission-missing");
    }

    @Test
    void aMissingPermissionIsResolvedWhenACredentialCheckFindsTheRolesGrantItAgain() {
        prod.actsRefused(List.of("conversation:communication:disconnect")); // as ActRefusals marks the org, before the conditions hear
        conditions.ended("prod", "watch", "Support", "stuck", failed(new Cause.PermissionMissing(List.of("conversation:communication:disconnect"),
                "svc", List.of("unstuck"), "add it to role unstuck")));
        conditions.judge();
        awaitTold(1);

        prod.actsAllowed(); // the check read the roles: they grant it again
        conditions.judge();
        awaitTold(2);
        assertThat(told()).containsExactly("firing permission-missing", "resolved permission-missing");
    }

    @Test
    void refusedCredentialsAreToldUntilTokensComeAgain() {
        prod.credentialsChecked(Optional.of("credentials refused (401): invalid_client"), clock.instant());
        conditions.judge();
        conditions.judge();
        awaitTold(1);

        prod.credentialsChecked(Optional.empty(), clock.instant());
        conditions.judge();
        awaitTold(2);
        assertThat(told()).containsExactly("firing credentials-refused", "resolved credentials-refused");
        assertThat(receiver.received().get(0).json().path("summary").asText()).doesNotContain("invalid_client");
    }

    @Test
    void aFlowIsToldWhenItsLoopsRiseAboveTheThreshold() {
        conditions.detected("prod", looping("Support in-queue flow"));
        conditions.judge();
        conditions.detected("prod", looping("Billing in-queue flow"));
        conditions.detected("prod", looping("Support in-queue flow"));
        conditions.judge();
        awaitTold(1);
        assertThat(told()).containsExactly("firing flow-looping Support in-queue flow");

        clock.move(Duration.ofMinutes(61));
        conditions.judge();
        awaitTold(2);
        assertThat(told()).containsExactly("firing flow-looping Support in-queue flow", "resolved flow-looping Support in-queue flow");
    }

    @Test
    void theHourlyLimitIsToldWhileItHoldsGuestsBack() {
        prod.limitReached(clock.instant());
        conditions.judge();
        awaitTold(1);
        clock.move(Duration.ofSeconds(30));
        conditions.judge();
        awaitTold(2);
        assertThat(told()).containsExactly("firing limit-reached", "resolved limit-reached");
    }

    private Finding looping(String flow) {
        Instant at = clock.instant();
        Guest guest = new Guest("c-" + System.nanoTime(), at, false, Optional.of("q1"), Optional.of("Support"), Optional.of(at), false,
                Optional.empty(), List.of(at, at, at), List.of(at, at, at), 6, OptionalInt.empty(), false, at, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(flow));
        return new Finding(guest, new Verdict.End(Reason.LOOPING, "3 passes"));
    }
}
