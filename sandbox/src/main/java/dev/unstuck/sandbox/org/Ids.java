package dev.unstuck.sandbox.org;

import java.util.Random;
import java.util.UUID;

/** UUIDs drawn from the scenario's seed, so one scenario always yields the same ids. */
public final class Ids {
    private final Random random;

    public Ids(long seed) {
        this.random = new Random(seed);
    }

    public String next() {
        long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
