package dev.unstuck.bench;

import java.net.URI;

/** unstuck's contestant: one sweep at the budget, as `unstuck sweep` runs it. */
final class UnstuckSweep {
    private UnstuckSweep() {}

    static int run(URI base, int budgetPerMinute) {
        throw new UnsupportedOperationException("the sweep arrives with issue 5");
    }
}
