package dev.unstuck.bench;

import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.QueuePolicy;
import dev.unstuck.core.detect.Watch;
import dev.unstuck.core.detect.WatchListener;
import dev.unstuck.core.engine.AuditSink;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.Region;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * unstuck's watch in a JVM of its own, as {@code unstuck watch} starts it (no heap option), so its
 * resident memory is its own: {@code WatchFollower BASE_URI BUDGET EXPECTED}. Prints one line
 * {@code followed <tracked> <ms-from-start> <peak-rss-kib> <rss-kib> <connects> <troubles>} once it follows
 * {@code EXPECTED} guests or two minutes have passed. The policy is patient (four hours), so it follows
 * and ends nobody.
 */
public final class WatchFollower {
    private WatchFollower() {}

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int budget = Integer.parseInt(args[1]);
        int expected = Integer.parseInt(args[2]);
        GenesysClient client = GenesysClient.create(Region.parse(base.toString()), new Credentials(BenchScenario.CLIENT_ID, BenchScenario.SECRET),
                ClientSettings.defaults().withRequestsPerMinute(budget));
        AtomicInteger tracked = new AtomicInteger();
        AtomicInteger connects = new AtomicInteger();
        AtomicInteger troubles = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(1);
        Watch watch = new Watch(client, new Engine(client, AuditSink.NONE, EnginePolicy.defaults()), Clock.systemUTC(),
                Policy.of(QueuePolicy.defaults().withMaxWait(Duration.ofHours(4))), Watch.Settings.defaults(),
                new EndRequest(false, false, "bench", "bench"), new WatchListener() {
                    @Override
                    public void connected(String channelId, int queues) {
                        connects.incrementAndGet();
                    }

                    @Override
                    public void scanned(int count) {
                        tracked.set(count);
                        if (count >= expected) {
                            all.countDown();
                        }
                    }

                    @Override
                    public void trouble(String what) {
                        troubles.incrementAndGet();
                        System.out.println("trouble: " + what);
                    }
                });
        long started = System.nanoTime();
        Thread thread = new Thread(watch::run, "bench-watch");
        thread.start();
        all.await(2, TimeUnit.MINUTES);
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("followed " + tracked.get() + " " + ms + " " + status("VmHWM:") + " " + status("VmRSS:") + " " + connects.get()
                + " " + troubles.get());
        watch.stop();
        thread.join(10_000);
        System.exit(0);
    }

    private static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
