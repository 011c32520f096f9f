package dev.unstuck.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The watch's ground, on the sandbox's real clock: {@code guests} waiting in Support whose queue wait
 * crosses maxWait one after another over {@link #SPREAD_SECONDS}, the first {@link #LEAD_SECONDS} after
 * the scenario loads (time for the watch to connect and scan first); beside them young healthy guests
 * and live-agent conversations older than maxWait, which must be left alone.
 */
record WatchScenario(int guests, int budgetPerMinute) {
    static final int MAX_WAIT_SECONDS = 600;
    static final int LEAD_SECONDS = 15;
    static final int SPREAD_SECONDS = 60;
    /** The sandbox's flow leg of a historical guest lasts min(5 s, age / 4): the queue wait starts that late. */
    private static final int FLOW_SECONDS = 5;
    static final String CROSSING = "stuck-crossing-";

    int healthy() {
        return guests / 4;
    }

    int live() {
        return guests / 4;
    }

    /** Guest i's age at load: its queue wait crosses maxWait LEAD + i × SPREAD / guests seconds later. */
    int ageSeconds(int i) {
        return MAX_WAIT_SECONDS + FLOW_SECONDS - LEAD_SECONDS - i * SPREAD_SECONDS / guests;
    }

    String json() {
        ObjectNode root = BenchScenario.org(budgetPerMinute);
        ArrayNode list = root.putArray("guests");
        for (int i = 0; i < guests; i++) {
            BenchScenario.add(list, CROSSING + i, "waiting", "Support", ageSeconds(i), 1, null);
        }
        BenchScenario.add(list, "live", "live-agent", "Support", 1800, live(), "Agent 1");
        BenchScenario.add(list, "healthy", "waiting", "Returns", 60, healthy(), null);
        return root.toString();
    }
}
