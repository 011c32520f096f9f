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
    private static final long PERIOD = CallBudget.PERIOD.toNanos();

    /** A caller that sends each call when its wait is over; the clock moves only when told. */
    private long now = 1_000 * SECOND;
    private final List<Long> sent = new ArrayList<>();

    private Duration call(CallBudget budget) {
        Duration wait = budget.reserve();
        now += wait.toNanos();
        sent.add(now);
        return wait;
    }

    private static Duration interval(int perMinute) {
        return Duration.ofNanos(PERIOD / perMinute);
    }

    @Test
    void theBudgetLeavesHeadroomOfHalfASecondAMinuteForNetworkDelay() {
        assertThat(CallBudget.PERIOD).isEqualTo(Duration.ofMillis(60_500));
    }

    @Test
    void aBusyClientIsPacedEvenlyAtTheBudget() {
        CallBudget budget = new CallBudget(3000, () -> now);

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(call(budget));
        }

        Duration step = interval(3000);
        assertThat(step).isBetween(Duration.ofMillis(20), Duration.ofMillis(21));
        assertThat(waits).containsExactly(Duration.ZERO, step, step, step, step);
    }

    @Test
    void permitsLeftUnusedWhileWaitingAreSpentAtOnceUpToOneSecondsWorth() {
        CallBudget budget = new CallBudget(3000, () -> now);
        call(budget);
        now += 15 * interval(3000).toNanos(); // a slow answer: 15 permits came due meanwhile

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            waits.add(call(budget));
        }

        assertThat(waits.subList(0, 15)).containsOnly(Duration.ZERO);
        assertThat(waits.subList(15, 17)).containsOnly(interval(3000));
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

        assertThat(atOnce).isEqualTo(1 + SECOND / interval(3000).toNanos()); // the call due now and one second's worth kept
    }

    @Test
    void catchingUpNeverPutsMoreThanTheBudgetInAPeriod() {
        CallBudget budget = new CallBudget(120, () -> now);
        now += 5 * SECOND;

        for (int i = 0; i < 500; i++) {
            call(budget);
        }

        assertThat(sent.get(1)).as("a kept permit is spent at once").isEqualTo(sent.get(0));
        assertThat(mostInAnyPeriod()).isEqualTo(120);
    }

    @RepeatedTest(20)
    void burstsAndPausesNeverPutMoreThanTheBudgetInAPeriod(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition()); // the same patterns on every run
        int perMinute = 1 + random.nextInt(400);
        CallBudget budget = new CallBudget(perMinute, () -> now);

        for (int i = 0; i < 3_000; i++) {
            if (random.nextInt(10) == 0) {
                now += (long) (random.nextDouble() * 3 * SECOND);
            }
            call(budget);
        }

        assertThat(mostInAnyPeriod()).isLessThanOrEqualTo(perMinute);
    }

    /** The most calls sent in any window [t, t + PERIOD) that starts at a call. */
    private int mostInAnyPeriod() {
        int most = 0;
        int end = 0;
        for (int start = 0; start < sent.size(); start++) {
            while (end < sent.size() && sent.get(end) < sent.get(start) + PERIOD) {
                end++;
            }
            most = Math.max(most, end - start);
        }
        return most;
    }
}
