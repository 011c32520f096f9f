package dev.unstuck.core.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.genesys.FairBudget.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class FairBudgetTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final long PERIOD = CallBudget.PERIOD.toNanos();

    /** The clock moves only when told; each call is sent when its wait is over. */
    private long now = 1_000 * SECOND;
    private final List<Long> sent = new ArrayList<>();
    private final List<Long> readsSent = new ArrayList<>();

    private Duration call(FairBudget budget, Kind kind) {
        Duration wait = budget.reserve(kind);
        sent.add(now + wait.toNanos());
        if (kind == Kind.READ) {
            readsSent.add(now + wait.toNanos());
        }
        return wait;
    }

    @Test
    void readsNeverTakeTheShareKeptForActs() {
        FairBudget budget = new FairBudget(300, 20, () -> now);

        for (int i = 0; i < 1_000; i++) {
            call(budget, Kind.READ); // a viewer looping on inspect, all queued at once
        }

        assertThat(budget.readsPerMinute()).isEqualTo(240);
        assertThat(mostInAnyPeriod(readsSent)).isEqualTo(240);
    }

    @Test
    void anActGoesAtOnceWhileReadsAreQueuedMinutesAhead() {
        FairBudget budget = new FairBudget(300, 20, () -> now);
        for (int i = 0; i < 1_000; i++) {
            call(budget, Kind.READ);
        }

        List<Duration> acts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            acts.add(call(budget, Kind.ACT)); // an ending: look, two PATCHes, verify
        }

        Duration actInterval = Duration.ofNanos(PERIOD / 60);
        assertThat(acts).containsExactly(Duration.ZERO, actInterval, actInterval.multipliedBy(2), actInterval.multipliedBy(3));
    }

    @Test
    void withoutAShareAnActWaitsBehindEveryQueuedRead() {
        FairBudget budget = new FairBudget(300, 0, () -> now);
        for (int i = 0; i < 1_000; i++) {
            call(budget, Kind.READ);
        }

        assertThat(call(budget, Kind.ACT)).isGreaterThan(Duration.ofMinutes(3));
    }

    @Test
    void withNoReadsAboutActsHaveTheWholeBudget() {
        FairBudget budget = new FairBudget(300, 20, () -> now);

        for (int i = 0; i < 600; i++) {
            call(budget, Kind.ACT);
        }

        assertThat(mostInAnyPeriod(sent)).isEqualTo(300);
        assertThat(sent.get(599) - sent.get(0)).as("600 acts at the whole budget take two periods")
                .isLessThan(2 * PERIOD + SECOND);
    }

    @RepeatedTest(20)
    void readsAndActsTogetherNeverPassTheBudgetInAPeriod(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        int perMinute = 2 + random.nextInt(400);
        FairBudget budget = new FairBudget(perMinute, random.nextInt(91), () -> now);

        for (int i = 0; i < 3_000; i++) {
            if (random.nextInt(10) == 0) {
                now += (long) (random.nextDouble() * 3 * SECOND);
            }
            call(budget, random.nextBoolean() ? Kind.ACT : Kind.READ);
        }

        assertThat(mostInAnyPeriod(sent)).isLessThanOrEqualTo(perMinute);
        assertThat(mostInAnyPeriod(readsSent)).isLessThanOrEqualTo(budget.readsPerMinute());
    }

    /** The most calls sent in any window [t, t + PERIOD) that starts at a call. */
    private static int mostInAnyPeriod(List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        int most = 0;
        int end = 0;
        for (int start = 0; start < sorted.size(); start++) {
            while (end < sorted.size() && sorted.get(end) < sorted.get(start) + PERIOD) {
                end++;
            }
            most = Math.max(most, end - start);
        }
        return most;
    }
}
