package dev.unstuck.app.service;

import dev.unstuck.sandbox.junit.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The outcomes a late caller of an ending gets, kept for a minute of the service's clock, oldest forgotten first. */
class RecentOutcomesTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final RecentOutcomes recent = new RecentOutcomes(Endings.KEEP_OUTCOME, clock);

    @Test
    void aLateCallerWithinTheMinuteGetsTheOutcomeGiven() {
        recent.put("acme/c1", "{\"outcome\":\"ended\"}");
        clock.move(Endings.KEEP_OUTCOME.minusMillis(1));

        assertThat(recent.get("acme/c1")).contains("{\"outcome\":\"ended\"}");
        assertThat(recent.get("acme/c2")).isEmpty();
    }

    @Test
    void anOutcomeIsForgottenOnceItsMinuteIsOverByTheServicesClock() {
        recent.put("acme/c1", "{\"outcome\":\"ended\"}");
        clock.move(Endings.KEEP_OUTCOME);

        assertThat(recent.get("acme/c1")).isEmpty();
    }

    @Test
    void theOldestOutcomesAreForgottenFirstAndTheNewerKept() {
        recent.put("acme/old", "old");
        clock.move(Duration.ofSeconds(30));
        recent.put("acme/newer", "newer");
        clock.move(Duration.ofSeconds(30));

        assertThat(recent.get("acme/old")).isEmpty();
        assertThat(recent.get("acme/newer")).contains("newer");
        clock.move(Duration.ofSeconds(30));
        assertThat(recent.get("acme/newer")).isEmpty();
    }

    @Test
    void forgottenOutcomesLeaveMemoryAsLaterEndingsComeNotOnlyHideFromCallers() {
        for (int i = 0; i < 5_000; i++) {
            recent.put("acme/c" + i, "{\"outcome\":\"ended\"}");
        }
        assertThat(recent.size()).isEqualTo(5_000);

        clock.move(Endings.KEEP_OUTCOME);
        // Each ending's clean-up removes a bounded batch of the forgotten (Caffeine keeps every write's pause short).
        for (int i = 0; i < 10; i++) {
            recent.put("acme/later" + i, "{\"outcome\":\"ended\"}");
        }

        assertThat(recent.size()).isEqualTo(10);
    }

    @Test
    void aSecondOutcomeForTheSameConversationStartsItsMinuteAgain() {
        recent.put("acme/c1", "first");
        clock.move(Duration.ofSeconds(50));
        recent.put("acme/c1", "second");
        clock.move(Duration.ofSeconds(50));

        assertThat(recent.get("acme/c1")).contains("second");
    }
}
