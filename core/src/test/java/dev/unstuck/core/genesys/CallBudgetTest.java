package dev.unstuck.core.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class CallBudgetTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    /** A caller that sends each call when its wait is over; the clock moves only when told. */
    private long now = 1_000 * SECOND;
    private final List<Long> sent = new ArrayList<>();

    private Duration call(CallBudget budget) {
        Duration wait = budget.reserve();
        now += wait.toNanos();
        sent.add(now);
        return wait;
    }

    @Test
    void aBusyClientIsPacedEvenlyAtTheBudget() {
        CallBudget budget = new CallBudget(3000, () -> now);

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(call(budget));
        }

        assertThat(waits).containsExactly(Duration.ZERO, Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(20),
                Duration.ofMillis(20));
    }

    @Test
    void permitsLeftUnusedWhileWaitingAreSpentAtOnceUpToOneSecondsWorth() {
        CallBudget budget = new CallBudget(3000, () -> now);
        call(budget);
        now += 300 * 1_000_000L; // a slow answer: 15 permits went unused

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            waits.add(call(budget));
        }

        assertThat(waits.subList(0, 15)).containsOnly(Duration.ZERO);
        assertThat(waits.subList(15, 17)).containsOnly(Duration.ofMillis(20));
    }

    @Test
    void aLongIdleKeepsNoMoreThanOneSecondOfPermits() {
        CallBudget budget = new CallBudget(3000, () -> now);
        now += 600 * SECOND;

        long atOnce = 0;
        for (int i = 0; i < 200; i++) {
            if (call(budget).isZero()) {
                atOnce++;
            }
        }

        assertThat(atOnce).isEqualTo(51); // the call due now and one second's 50 kept
    }

    @Test
    void catchingUpNeverPutsMoreThanTheBudgetInAMinute() {
        CallBudget budget = new CallBudget(60, () -> now);
        now += 5 * SECOND;

        for (int i = 0; i < 200; i++) {
            call(budget);
        }

        assertThat(sent.get(1)).isEqualTo(sent.get(0)); // the kept permit was spent at once
        assertThat(mostInAnyMinute()).isEqualTo(60);
    }

    @RepeatedTest(20)
    void burstsAndPausesNeverPutMoreThanTheBudgetInAMinute(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition()); // the same patterns on every run
        int perMinute = 1 + random.nextInt(400);
        CallBudget budget = new CallBudget(perMinute, () -> now);

        for (int i = 0; i < 3_000; i++) {
            if (random.nextInt(10) == 0) {
                now += (long) (random.nextDouble() * 3 * SECOND);
            }
            call(budget);
        }

        assertThat(mostInAnyMinute()).isLessThanOrEqualTo(perMinute);
    }

    /** The most calls sent in any window [t, t + 60 s) that starts at a call. */
    private int mostInAnyMinute() {
        int most = 0;
        int end = 0;
        for (int start = 0; start < sent.size(); start++) {
            while (end < sent.size() && sent.get(end) < sent.get(start) + 60 * SECOND) {
                end++;
            }
            most = Math.max(most, end - start);
        }
        return most;
    }
}
