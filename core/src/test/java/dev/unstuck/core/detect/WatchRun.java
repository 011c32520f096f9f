package dev.unstuck.core.detect;

import static org.awaitility.Awaitility.await;

import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.CallRecord;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.sandbox.SandboxFixture;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A watch on the sandbox, on a thread of its own, as tests drive it: the sandbox's clock, the operator
 * client, and a listener that keeps what the watch told (connects, scans, what it handled, trouble).
 * Started connected and scanned once; closing stops it.
 */
final class WatchRun implements AutoCloseable {
    final Watch watch;
    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger scans = new AtomicInteger();
    /** How often the watch told its hourly limit was reached (once a pass while guests wait for it). */
    final AtomicInteger limitReached = new AtomicInteger();
    final List<Finding> handled = new CopyOnWriteArrayList<>();
    final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    final List<String> troubles = new CopyOnWriteArrayList<>();
    final List<AnalyticsGhost> ghosts = new CopyOnWriteArrayList<>();
    /** Every HTTP exchange of the watch's client, token requests and retries included. */
    final Queue<CallRecord> calls = new ConcurrentLinkedQueue<>();
    private final Thread thread;

    WatchRun(SandboxFixture sandbox, EnginePolicy enginePolicy, Policy policy, Watch.Settings settings, String reason) {
        this(sandbox, enginePolicy, policy, settings, reason, GhostMemory.none());
    }

    /** As above, keeping the analytics ghosts it meets in {@code memory}. */
    WatchRun(SandboxFixture sandbox, EnginePolicy enginePolicy, Policy policy, Watch.Settings settings, String reason, GhostMemory memory) {
        this(sandbox, sandbox.operator(), enginePolicy, policy, settings, new EndRequest(false, false, reason, "core-test"), memory);
    }

    /** As above, signed in as {@code client} (one of the scenario's OAuth clients), on {@code request} (a dry run: shadow mode). */
    WatchRun(SandboxFixture sandbox, GenesysClient client, EnginePolicy enginePolicy, Policy policy, Watch.Settings settings,
             EndRequest request, GhostMemory memory) {
        client.onCall(calls::add);
        Engine engine = new Engine(client, event -> { }, enginePolicy);
        watch = new Watch(client, engine, sandbox.control().clock(), policy, settings, request,
                new WatchListener() {
                    @Override
                    public void connected(String channelId, int queues) {
                        connects.incrementAndGet();
                    }

                    @Override
                    public void scanned(int tracked) {
                        scans.incrementAndGet();
                    }

                    @Override
                    public void handled(Finding finding, Outcome outcome) {
                        handled.add(finding);
                        outcomes.add(outcome);
                    }

                    @Override
                    public void limitReached(int limit) {
                        limitReached.incrementAndGet();
                    }

                    @Override
                    public void ghost(AnalyticsGhost ghost) {
                        ghosts.add(ghost);
                    }

                    @Override
                    public void trouble(String what) {
                        troubles.add(what);
                    }
                }).remembering(memory);
        thread = new Thread(watch::run, "watch-under-test");
        thread.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> scans.get() >= 1);
    }

    @Override
    public void close() throws InterruptedException {
        watch.stop();
        thread.join(10_000);
    }
}
