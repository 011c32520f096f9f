package dev.unstuck.core.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.engine.AuditSink;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.sandbox.SandboxFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A viewer looping on inspect shares the org's budget (300 a minute) with an operator's ending. Time
 * stands still: every wait the budget asks for is recorded per thread, never slept, so the reads queue
 * up as far ahead as they would in real time, and the ending's waits show where it got its permits.
 */
class FairShareOnSandboxTest {
    private static final EndRequest END = new EndRequest(false, false, "stuck in queue", "operator");
    private static final Duration ACT_INTERVAL = Duration.ofNanos(CallBudget.PERIOD.toNanos() / 60);

    @RegisterExtension
    static final SandboxFixture sandbox = SandboxFixture.engineScenario();
    private final Map<Thread, List<Duration>> waits = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        // The org never refuses here: the test is about how the client shares its own budget.
        sandbox.settings("{\"rateLimitPerMinute\": 100000}");
    }

    private GenesysClient client(int reservedForActsPercent) throws UnknownRegionException {
        // Only real waits: Failsafe also hands each first attempt to the sleeper, with no delay.
        Sleeper records = duration -> {
            if (!duration.isZero()) {
                waits.computeIfAbsent(Thread.currentThread(), t -> new CopyOnWriteArrayList<>()).add(duration);
            }
        };
        return GenesysClient.create(Region.parse(sandbox.baseUrl()), new Credentials("core-operator", "operator-secret"),
                ClientSettings.defaults().withReservedForActsPercent(reservedForActsPercent), records, Clock.systemUTC(), () -> 0L);
    }

    /** 100 inspects from 8 threads, all queued before the ending starts; answers the longest wait a read was given. */
    private Duration viewerLoopsOnInspect(GenesysClient client, String id) throws Exception {
        ExecutorService viewer = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> inspects = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
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
    void anEndingKeepsItsReservedShareWhileAViewerLoopsOnInspect() throws Exception {
        GenesysClient client = client(20);
        String id = sandbox.conversationId("waiting-1");
        Duration readsQueued = viewerLoopsOnInspect(client, id);

        Outcome outcome = new Engine(client, AuditSink.NONE, EnginePolicy.defaults()).end(id, END);

        assertThat(outcome).isInstanceOf(Outcome.Ended.class);
        assertThat(readsQueued).as("100 reads at 240 a minute").isGreaterThan(Duration.ofSeconds(24));
        // The ending's first call goes at once (no wait recorded), each later one a share's spacing after the one before.
        List<Duration> ending = waits.getOrDefault(Thread.currentThread(), List.of());
        assertThat(ending).hasSizeGreaterThanOrEqualTo(2);
        for (int k = 0; k < ending.size(); k++) {
            assertThat(ending.get(k)).as("the ending's call %d", k + 2).isLessThanOrEqualTo(ACT_INTERVAL.multipliedBy(k + 1));
        }
    }

    @Test
    void withNoShareKeptTheEndingWaitsBehindEveryQueuedRead() throws Exception {
        GenesysClient client = client(0);
        String id = sandbox.conversationId("waiting-1");
        Duration readsQueued = viewerLoopsOnInspect(client, id);

        new Engine(client, AuditSink.NONE, EnginePolicy.defaults()).end(id, END);

        assertThat(waits.get(Thread.currentThread()).get(0)).as("its first call").isGreaterThan(readsQueued);
    }
}
