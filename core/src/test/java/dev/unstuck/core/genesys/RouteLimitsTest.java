package dev.unstuck.core.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteLimitsTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final String CONVERSATION = "/api/v2/conversations/messages/3f2b6c1e-0000-4000-8000-000000000001";

    private long now = 1_000 * SECOND;
    private final RouteLimits limits = new RouteLimits(300, () -> now);

    private static RouteLimits.Seen seen(int allowed, int count, long reset) {
        return new RouteLimits.Seen(allowed, count, reset);
    }

    @Test
    void routesAreTheirPathsWithTheIdsTakenOut() {
        assertThat(RouteLimits.route("PATCH", CONVERSATION + "/participants/p-1"))
                .isEqualTo("PATCH /api/v2/conversations/messages/{id}/participants/{id}");
        assertThat(RouteLimits.route("GET", "/api/v2/routing/queues?pageSize=100&pageNumber=2")).isEqualTo("GET /api/v2/routing/queues");
        assertThat(RouteLimits.route("GET", "/api/v2/analytics/conversations/details/jobs/j-1/results"))
                .isEqualTo("GET /api/v2/analytics/conversations/details/jobs/{id}/results");
    }

    @Test
    void aRouteIsNotPacedUntilAnAnswerShowsItsLimit() {
        assertThat(limits.reserve("GET", CONVERSATION)).isZero();
        assertThat(limits.reserve("GET", CONVERSATION)).isZero();
        assertThat(limits.limitOf("GET", CONVERSATION)).isEmpty();
    }

    @Test
    void aLimitUnderTheBudgetPacesEveryCallOfThatRouteAndOnlyThatRoute() {
        limits.learn("GET", CONVERSATION, seen(180, 1, 60));

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waits.add(limits.reserve("GET", "/api/v2/conversations/messages/another-id"));
        }

        Duration interval = Duration.ofNanos(CallBudget.PERIOD.toNanos() / 180);
        assertThat(waits).containsExactly(Duration.ZERO, interval, interval.multipliedBy(2));
        assertThat(limits.limitOf("GET", CONVERSATION)).contains(180);
        assertThat(limits.reserve("PATCH", CONVERSATION + "/participants/p-1")).as("another route").isZero();
    }

    @Test
    void anAnswerNamingTheTokensBucketNeverUnlearnsTheRoutesLimit() {
        limits.learn("GET", CONVERSATION, seen(180, 1, 60));
        limits.learn("GET", CONVERSATION, seen(300, 250, 20));
        limits.learn("GET", CONVERSATION, seen(200, 10, 20));

        assertThat(limits.limitOf("GET", CONVERSATION)).contains(180);
    }

    @Test
    void aWindowShownUsedUpHoldsTheRouteUntilItCloses() {
        limits.learn("GET", CONVERSATION, seen(180, 180, 42));

        assertThat(limits.reserve("GET", CONVERSATION)).isEqualTo(Duration.ofSeconds(42));
        now += 42 * SECOND;
        assertThat(limits.reserve("GET", CONVERSATION)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void analyticsIsPacedAsAWholeAcrossItsRoutes() {
        String observations = "/api/v2/analytics/queues/observations/query";
        String details = "/api/v2/analytics/conversations/details/query";
        limits.learn("POST", observations, seen(180, 1, 60));

        limits.reserve("POST", observations);
        Duration detailsWait = limits.reserve("POST", details);

        assertThat(detailsWait).as("the namespace's second call").isEqualTo(Duration.ofNanos(CallBudget.PERIOD.toNanos() / 180));
        assertThat(limits.limitOf("POST", details)).isEqualTo(Optional.empty());
    }

    @Test
    void headersThatAreNotNumbersTeachNothing() {
        assertThat(RouteLimits.Seen.of(Optional.of("lots"), Optional.of("1"), Optional.of("60"))).isEmpty();
        assertThat(RouteLimits.Seen.of(Optional.of("180"), Optional.empty(), Optional.of("60"))).isEmpty();
        assertThat(RouteLimits.Seen.of(Optional.of("180"), Optional.of("3"), Optional.of("57"))).contains(seen(180, 3, 57));
    }
}
