package dev.unstuck.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * One contestant in a JVM of its own, so its peak memory is its own: {@code Contestant NAME BASE_URI
 * BUDGET OLDER_THAN [CAP_SECONDS]}. Prints {@code working} when its work starts and one line {@code result <went-after>
 * <peak-rss-kib> <elapsed-ms> <done|capped>} at the end. A field script stops starting conversations once
 * CAP_SECONDS have passed (0 or none: no cap), so a quick bench need not wait out its whole run.
 *
 * <p>The elapsed time is measured here, from just before the contestant starts working (its clients
 * are built, no call is made yet; its first call is its token request) to the end of its work, so
 * neither contestant pays for the JVM starting.
 */
public final class Contestant {
    /** Printed once the contestant's clients are built and its work starts. */
    static final String WORKING = "working";
    private Contestant() {}

    public static void main(String[] args) throws Exception {
        String name = args[0];
        URI base = URI.create(args[1]);
        int budget = Integer.parseInt(args[2]);
        Instant olderThan = Instant.parse(args[3]);
        java.time.Duration cap = java.time.Duration.ofSeconds(args.length > 4 ? Long.parseLong(args[4]) : 0);
        Callable<FieldScript.Reach> contender = switch (name) {
            case "field-script" -> fieldScript(base, 1, olderThan, cap);
            case "field-script-pool" -> fieldScript(base, 4, olderThan, cap);
            case "unstuck" -> () -> new FieldScript.Reach(new UnstuckSweep(base, budget).run(), false);
            default -> throw new IllegalArgumentException("unknown contestant " + name);
        };
        System.out.println(WORKING);
        System.out.flush();
        long started = System.nanoTime();
        FieldScript.Reach reach = contender.call();
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("result " + reach.wentAfter() + " " + peakRssKib() + " " + elapsedMillis + " " + (reach.capped() ? "capped" : "done"));
    }

    private static Callable<FieldScript.Reach> fieldScript(URI base, int threads, Instant olderThan, java.time.Duration cap) {
        FieldScript script = new FieldScript(base, BenchScenario.CLIENT_ID, BenchScenario.SECRET, threads);
        return () -> script.run(olderThan, cap);
    }

    /** VmHWM: the most resident memory this process ever had. */
    static long peakRssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
