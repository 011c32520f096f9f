package dev.unstuck.app.config;

import dev.unstuck.app.Scenarios;
import dev.unstuck.core.engine.AuditSink;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysOrg;
import dev.unstuck.core.genesys.Sleeper;
import dev.unstuck.sandbox.client.ScenarioBuilder.Guest;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An org's {@code reservedForActsPercent} in the config file sets the share of its budget reads cannot
 * take. The budget here is 60 calls a minute; a viewer's 30 inspects queue up behind the reads' share
 * while an operator's ending goes at the acts' own pace. Waits are recorded per thread, never slept.
 */
class ReservedForActsOnSandboxTest {
    /**
     * The span in which the client lets {@code requestsPerMinute} calls leave: a minute and half a second, its
     * headroom for network delay (core's CallBudget.PERIOD), so each spacing is a little over a minute's share.
     */
    private static final Duration BUDGET_PERIOD = Duration.ofMinutes(1).plusMillis(500);
    private static final EndRequest END = new EndRequest(false, false, "stuck in queue", "operator");

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension(Scenarios.operatorOrg(17, "ops", "ops-secret")
            .queues("Support").guests(Guest.waiting("waiting").queue("Support").ageSeconds(5400)));

    @TempDir
    Path home;

    private final Map<Thread, List<Duration>> waits = new ConcurrentHashMap<>();

    /** The org's client as a command builds it from the config file, with {@code more} written into the org's entry. */
    private GenesysClient clientOf(String more) throws Exception {
        Path file = home.resolve("config.yaml");
        Files.writeString(file, """
                orgs:
                  acme:
                    region: "%s"
                    clientId: ops
                    clientSecret: ops-secret
                    requestsPerMinute: 60
                """.formatted(sandbox.baseUri()) + more);
        ConfigFile config = new ConfigLoader(Map.of()).load(Optional.of(file), home);
        GenesysOrg org = new OrgResolver(Map.of()).resolve(config, Optional.of("acme"), Optional.empty());
        Sleeper records = duration -> {
            if (!duration.isZero()) {
                waits.computeIfAbsent(Thread.currentThread(), t -> new CopyOnWriteArrayList<>()).add(duration);
            }
        };
        // The pacing's time stands still (as in FairShareOnSandboxTest): each wait is the budget's spacing alone, not the threads' time.
        return GenesysClient.create(org.region(), org.credentials(), org.settings(), records, Clock.systemUTC(), () -> 0L);
    }

    /** 30 inspects from 4 threads, all queued before anything else; answers the longest wait a read was given. */
    private Duration viewerLoopsOnInspect(GenesysClient client, String id) throws Exception {
        ExecutorService viewer = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> inspects = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                inspects.add(viewer.submit(() -> client.conversation(id)));
            }
            for (Future<?> inspect : inspects) {
                inspect.get();
            }
        } finally {
            viewer.shutdown();
        }
        return waits.entrySet().stream().filter(e -> e.getKey() != Thread.currentThread()).flatMap(e -> e.getValue().stream())
                .max(Duration::compareTo).orElseThrow();
    }

    @Test
    void halfTheBudgetKeptForActsHoldsReadsToHalfAndTheEndingGoesAtItsOwnPace() throws Exception {
        GenesysClient client = clientOf("    reservedForActsPercent: 50\n");
        String id = sandbox.control().conversationId("waiting");

        Duration readsQueued = viewerLoopsOnInspect(client, id);
        Outcome outcome = new Engine(client, AuditSink.NONE, EnginePolicy.defaults()).end(id, END);

        // 30 reads at 30 a minute reach about 58 s ahead (at the default 48 a minute, about 36 s).
        assertThat(readsQueued).isGreaterThan(Duration.ofSeconds(45));
        assertThat(outcome).isInstanceOf(Outcome.Ended.class);
        // The acts' own 30 a minute: the first call at once, each later one a thirtieth of the budget's period after the one
        // before (about 2 s), not behind the reads' 45 s.
        List<Duration> ending = waits.getOrDefault(Thread.currentThread(), List.of());
        assertThat(ending).hasSizeGreaterThanOrEqualTo(2);
        for (int k = 0; k < ending.size(); k++) {
            assertThat(ending.get(k)).as("the ending's call %d", k + 2).isLessThanOrEqualTo(BUDGET_PERIOD.dividedBy(30).multipliedBy(k + 1));
        }
    }

    @Test
    void withoutTheKeyReadsKeepFourFifthsOfTheBudget() throws Exception {
        GenesysClient client = clientOf("");
        String id = sandbox.control().conversationId("waiting");

        Duration readsQueued = viewerLoopsOnInspect(client, id);

        // 30 reads at 48 a period: 29 spacings of about 1.26 s, where the whole budget (60) gives 29 s and half of it (30) 58 s.
        assertThat(readsQueued).isLessThanOrEqualTo(BUDGET_PERIOD.multipliedBy(29).dividedBy(48)).isGreaterThan(Duration.ofSeconds(32));
    }
}
