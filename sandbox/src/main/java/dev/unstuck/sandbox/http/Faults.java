package dev.unstuck.sandbox.http;

import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Injected failures for the Genesys-facing API (never the control API). A request matching
 * {@code pathPattern} fails while {@code count} lasts, else with probability {@code errorRate} drawn
 * from a seeded random; every matching request is delayed by {@code latencyMs} of real time.
 */
public final class Faults {
    /** The faults as set by {@code PUT /sandbox/v1/faults}. */
    public record Spec(int status, Optional<Integer> count, Optional<Pattern> pathPattern, double errorRate,
                       long latencyMs) {}

    /** What to do to one request. */
    public record Verdict(Optional<Integer> failWith, long latencyMs) {
        static Verdict none() {
            return new Verdict(Optional.empty(), 0);
        }
    }

    private Spec spec;
    private int remaining;
    private Random random = new Random(0);

    public synchronized void set(Spec newSpec, long seed) {
        spec = newSpec;
        remaining = newSpec.count().orElse(0);
        random = new Random(seed);
    }

    public synchronized void clear() {
        spec = null;
        remaining = 0;
    }

    public synchronized Optional<Spec> current() {
        return Optional.ofNullable(spec);
    }

    public synchronized Verdict judge(String path) {
        if (spec == null || spec.pathPattern().map(p -> !p.matcher(path).find()).orElse(false)) {
            return Verdict.none();
        }
        boolean fail = false;
        if (remaining > 0) {
            remaining--;
            fail = true;
        } else if (spec.errorRate() > 0 && random.nextDouble() < spec.errorRate()) {
            fail = true;
        }
        return new Verdict(fail ? Optional.of(spec.status()) : Optional.empty(), spec.latencyMs());
    }
}
