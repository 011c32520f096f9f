package dev.unstuck.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A sandbox org of {@code size} active web-messaging conversations: 10% stuck (waiting long,
 * looping, orphaned), 10% with a live agent (old enough to look stuck to a careless script), the
 * rest young and healthy. Labels say which is which, so the bench can count
 * what each contestant ended.
 *
 * <p>{@code sameMinute}: issue 14's org instead, for {@code bench/run --scale}: the guests wait in ten
 * queues, 10% stuck (90 minutes, all arrived in the same minute), the rest healthy (a minute, also all
 * in one minute), so every queue holds a tenth of the org and no interval can split it.
 */
record BenchScenario(int size, int budgetPerMinute, boolean sameMinute, int analyticsLagSeconds, int jobAvailabilityLagSeconds) {
    /** Queues of the same-minute org. */
    static final int SCALE_QUEUES = 10;

    BenchScenario(int size, int budgetPerMinute) {
        this(size, budgetPerMinute, false, 0);
    }

    BenchScenario(int size, int budgetPerMinute, boolean sameMinute, int analyticsLagSeconds) {
        this(size, budgetPerMinute, sameMinute, analyticsLagSeconds, 60);
    }

    /**
     * Issue 21's worst case: analytics 10 s behind, details jobs fulfilled after 60 s with data
     * {@code jobAvailabilityLagSeconds} behind (a real org's lake trails up to 48 h).
     */
    static BenchScenario sameMinuteAtWorst(int size, int budgetPerMinute, int jobAvailabilityLagSeconds) {
        return new BenchScenario(size, budgetPerMinute, true, 10, jobAvailabilityLagSeconds);
    }
    static final String CLIENT_ID = "bench";
    static final String SECRET = "bench-secret";
    /** What counts as stuck for both contestants: open longer than this. */
    static final int MAX_WAIT_SECONDS = 600;

    int stuck() {
        return size / 10;
    }

    int live() {
        return size / 10;
    }

    String json() {
        if (sameMinute) {
            return sameMinuteJson();
        }
        ObjectNode root = org(budgetPerMinute);
        ((ObjectNode) root.get("settings")).put("analyticsLagSeconds", analyticsLagSeconds);
        ArrayNode guests = root.putArray("guests");
        int stuck = stuck();
        add(guests, "stuck-waiting", "waiting", "Support", 5400, stuck / 2, null);
        add(guests, "stuck-looping", "looping", "Billing", 3600, stuck / 4, null);
        add(guests, "stuck-orphaned", "orphaned", "Sales", 7200, stuck - stuck / 2 - stuck / 4, null);
        add(guests, "live", "live-agent", "Support", 1800, live(), "Agent 1");
        add(guests, "healthy", "waiting", "Returns", 60, size - stuck - live(), null);
        return root.toString();
    }

    private String sameMinuteJson() {
        ObjectNode root = org(budgetPerMinute);
        ((ObjectNode) root.get("settings")).put("analyticsLagSeconds", analyticsLagSeconds).put("analyticsJobDelaySeconds", 60)
                .put("analyticsJobAvailabilityLagSeconds", jobAvailabilityLagSeconds);
        ArrayNode queues = (ArrayNode) root.get("queues");
        ArrayNode guests = root.putArray("guests");
        for (int q = 1; q <= SCALE_QUEUES; q++) {
            queues.addObject().put("name", "Queue " + q);
            int inQueue = size / SCALE_QUEUES + (q <= size % SCALE_QUEUES ? 1 : 0);
            int stuck = inQueue / 10;
            add(guests, "stuck-q" + q, "waiting", "Queue " + q, 5400, stuck, null);
            add(guests, "healthy-q" + q, "waiting", "Queue " + q, 60, inQueue - stuck, null);
        }
        return root.toString();
    }

    /** The org every bench scenario shares: the bench client with its role, four queues, twenty agents; no guests yet. */
    static ObjectNode org(int budgetPerMinute) {
        ObjectNode root = new ObjectMapper().createObjectNode().put("seed", 2026);
        root.putObject("settings").put("rateLimitPerMinute", budgetPerMinute).put("analyticsMaxMatches", 8000)
                .put("loopIntervalSeconds", 100000);
        ArrayNode permissions = root.putArray("roles").addObject().put("name", "bench").putArray("permissions");
        permissions.add("conversation:*:*").add("analytics:*:*").add("routing:queue:view")
                .add("authorization:role:view").add("oauth:client:view");
        root.putArray("oauthClients").addObject().put("id", CLIENT_ID).put("secret", SECRET).put("name", "bench")
                .putArray("roles").add("bench");
        ArrayNode queues = root.putArray("queues");
        for (String q : new String[] {"Support", "Billing", "Sales", "Returns"}) {
            queues.addObject().put("name", q);
        }
        ArrayNode agents = root.putArray("agents");
        for (int i = 1; i <= 20; i++) {
            agents.addObject().put("name", "Agent " + i);
        }
        return root;
    }

    /** The sandbox takes at most this many guests from one scenario entry. */
    private static final int MOST_PER_ENTRY = 10_000;

    /** {@code count} guests alike, in entries of at most 10,000 (labels {@code label}, {@code label-2}, … for each entry). */
    static void add(ArrayNode guests, String label, String kind, String queue, int age, int count, String agent) {
        for (int part = 0; part * MOST_PER_ENTRY < count; part++) {
            ObjectNode g = guests.addObject().put("label", part == 0 ? label : label + "-" + (part + 1)).put("kind", kind).put("queue", queue)
                    .put("ageSeconds", age).put("count", Math.min(MOST_PER_ENTRY, count - part * MOST_PER_ENTRY));
            if (kind.equals("looping")) {
                g.put("passes", 3);
            }
            if (agent != null) {
                g.put("agent", agent);
            }
        }
    }
}
