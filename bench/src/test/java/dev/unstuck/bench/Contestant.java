package dev.unstuck.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One contestant in a JVM of its own, so its peak memory is its own: {@code Contestant NAME BASE_URI
 * BUDGET OLDER_THAN}. Prints one line {@code result <went-after> <peak-rss-kib>} at the end.
 */
public final class Contestant {
    private Contestant() {}

    public static void main(String[] args) throws Exception {
        String name = args[0];
        URI base = URI.create(args[1]);
        int budget = Integer.parseInt(args[2]);
        Instant olderThan = Instant.parse(args[3]);
        int handled = switch (name) {
            case "field-script" -> new FieldScript(base, BenchScenario.CLIENT_ID, BenchScenario.SECRET, 1).run(olderThan);
            case "field-script-pool" -> new FieldScript(base, BenchScenario.CLIENT_ID, BenchScenario.SECRET, 4).run(olderThan);
            case "unstuck" -> UnstuckSweep.run(base, budget);
            default -> throw new IllegalArgumentException("unknown contestant " + name);
        };
        System.out.println("result " + handled + " " + peakRssKib());
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
