package dev.unstuck.core.genesys;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The limits Genesys keeps per route and per namespace, learned from the {@code inin-ratelimit-*}
 * headers of its answers, and the pacing within them, on top of the per-token budget.
 *
 * <p>Every answer names the bucket that binds: its limit ({@code inin-ratelimit-allowed}), the requests
 * counted in its window ({@code -count}) and the seconds until the window closes ({@code -reset}). A
 * limit under the client's own budget is a route's or its namespace's (a real org showed 180 against the
 * token's 300): from then on that route is paced within it, and so is its namespace as a whole for the
 * namespaces limited as a whole ({@code analytics}, {@code notifications}). The smallest limit seen
 * stays: an answer that names the token's bucket says nothing about the route's. A window the answer
 * shows used up holds the route until it closes. Routes are paths with their ids taken out
 * ({@code GET /api/v2/conversations/messages/{id}}), as Genesys counts them.
 */
final class RouteLimits {
    /** Path segments that are names, not ids, in the API subset unstuck calls. */
    private static final Set<String> NAMES = Set.of("api", "v2", "conversations", "messages", "participants", "communications",
            "wrapup", "wrapupcodes", "disconnect", "analytics", "details", "query", "jobs", "results", "availability", "queues",
            "observations", "routing", "divisionviews", "all", "authorization", "divisions", "home", "roles", "oauth", "clients",
            "tokens", "me", "notifications", "channels", "subscriptions", "availabletopics", "users", "token");
    private static final Set<String> LIMITED_NAMESPACES = Set.of("analytics", "notifications");

    /** What one answer's headers said. */
    record Seen(int allowed, int count, long resetSeconds) {
        static Optional<Seen> of(Optional<String> allowed, Optional<String> count, Optional<String> reset) {
            try {
                if (allowed.isEmpty() || count.isEmpty() || reset.isEmpty()) {
                    return Optional.empty();
                }
                Seen seen = new Seen(Integer.parseInt(allowed.get().trim()), Integer.parseInt(count.get().trim()),
                        Long.parseLong(reset.get().trim()));
                return seen.allowed() > 0 && seen.count() >= 0 && seen.resetSeconds() >= 0 ? Optional.of(seen) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private static final class Paced {
        final CallBudget budget;
        long heldUntil;

        Paced(int perMinute, LongSupplier nanoTime, long heldUntil) {
            this.budget = new CallBudget(perMinute, nanoTime);
            this.heldUntil = heldUntil;
        }
    }

    private final int tokenBudget;
    private final LongSupplier nanoTime;
    private final Map<String, Paced> paced = new HashMap<>();

    RouteLimits(int tokenBudget, LongSupplier nanoTime) {
        this.tokenBudget = tokenBudget;
        this.nanoTime = nanoTime;
    }

    /** Takes a permit of the route (and its namespace) when their limits are known; how long to wait for it. */
    synchronized Duration reserve(String method, String path) {
        String route = route(method, path);
        Duration wait = reserve(route);
        Optional<String> namespace = limitedNamespace(route);
        if (namespace.isPresent()) {
            Duration forNamespace = reserve("namespace " + namespace.get());
            wait = forNamespace.compareTo(wait) > 0 ? forNamespace : wait;
        }
        return wait;
    }

    /** Learns from an answer's headers. */
    synchronized void learn(String method, String path, Seen seen) {
        if (seen.allowed() >= tokenBudget) {
            return;
        }
        String route = route(method, path);
        learn(route, seen);
        limitedNamespace(route).ifPresent(n -> learn("namespace " + n, seen));
    }

    /** The limit learned for the route, if any (for {@code unstuck probe} and tests). */
    synchronized Optional<Integer> limitOf(String method, String path) {
        return Optional.ofNullable(paced.get(route(method, path))).map(p -> p.budget.perMinute());
    }

    private Duration reserve(String key) {
        Paced p = paced.get(key);
        if (p == null) {
            return Duration.ZERO;
        }
        Duration wait = p.budget.reserve();
        long held = p.heldUntil - nanoTime.getAsLong();
        return held > wait.toNanos() ? Duration.ofNanos(held) : wait;
    }

    private void learn(String key, Seen seen) {
        long now = nanoTime.getAsLong();
        long heldUntil = seen.count() >= seen.allowed() ? now + Duration.ofSeconds(seen.resetSeconds()).toNanos() : 0;
        Paced p = paced.get(key);
        if (p == null || seen.allowed() < p.budget.perMinute()) {
            p = new Paced(seen.allowed(), nanoTime, p == null ? heldUntil : Math.max(p.heldUntil, heldUntil));
            paced.put(key, p);
        } else {
            p.heldUntil = Math.max(p.heldUntil, heldUntil);
        }
    }

    /** "METHOD /path/with/{id}": the query left out, every segment that is not a name taken for an id. */
    static String route(String method, String path) {
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        StringBuilder route = new StringBuilder(method).append(' ');
        for (String segment : bare.split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            route.append('/').append(NAMES.contains(segment) ? segment : "{id}");
        }
        return route.toString();
    }

    private static Optional<String> limitedNamespace(String route) {
        String path = route.substring(route.indexOf(' ') + 1);
        for (String namespace : LIMITED_NAMESPACES) {
            if (path.startsWith("/api/v2/" + namespace + "/")) {
                return Optional.of(namespace);
            }
        }
        return Optional.empty();
    }
}
