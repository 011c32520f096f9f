package dev.unstuck.sandbox.http;

import dev.unstuck.sandbox.org.RateLimits.Bucket;
import dev.unstuck.sandbox.org.Settings;
import dev.unstuck.sandbox.org.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Which limits a request falls under (docs/sandbox.md, "Rate limits"). The keys of the route,
 * namespace and token-endpoint limits are the sandbox's (UNCONFIRMED: the platform documents only the
 * per-token key); their namespaces are the SDK's {@code Limit.namespace} values.
 */
final class RateBuckets {
    static final String TOKEN_KEY = "client.credentials.token.rate.per.minute";
    /** A person's token (authorization code grant): "the maximum number of requests per token per minute". */
    static final String USER_TOKEN_KEY = "token.rate.per.minute";
    static final String ROUTE_KEY = "resource.rate.per.minute";
    static final String NAMESPACE_KEY = "namespace.rate.per.minute";
    static final String TOKEN_ENDPOINT_KEY = "token.issue.rate.per.minute";

    /** The namespaces limited as a whole, on top of each of their routes. */
    private static final List<String> LIMITED_NAMESPACES = List.of("analytics", "notifications");

    private RateBuckets() {}

    /** An API request with a bearer token, on the route template {@code route} ("GET /api/v2/…/{id}"). */
    static List<Bucket> api(Token token, String route, Settings settings) {
        String tokenValue = token.value();
        String namespace = namespace(route);
        int each = resourceLimit(settings);
        List<Bucket> buckets = new ArrayList<>();
        buckets.add(new Bucket("token " + tokenValue, token.userId().isPresent() ? USER_TOKEN_KEY : TOKEN_KEY, "platform.api",
                settings.rateLimitPerMinute()));
        buckets.add(new Bucket("route " + tokenValue + " " + route, ROUTE_KEY, namespace, each));
        if (LIMITED_NAMESPACES.contains(namespace)) {
            buckets.add(new Bucket("namespace " + tokenValue + " " + namespace, NAMESPACE_KEY, namespace, each));
        }
        return buckets;
    }

    /** A request of {@code POST /oauth/token} by a known client. */
    static List<Bucket> tokenEndpoint(String clientId, Settings settings) {
        return List.of(new Bucket("oauth " + clientId, TOKEN_ENDPOINT_KEY, "auth.api", settings.limits().tokenRateLimitPerMinute()));
    }

    /** {@code resourceRateLimitPercent} of the per-token limit: 180 of 300 by default, as observed. */
    static int resourceLimit(Settings settings) {
        return Math.max(1, (int) ((long) settings.rateLimitPerMinute() * settings.limits().resourceRateLimitPercent() / 100));
    }

    static String namespace(String route) {
        String path = route.substring(route.indexOf(' ') + 1);
        if (path.startsWith("/api/v2/analytics/")) {
            return "analytics";
        }
        if (path.startsWith("/api/v2/notifications/")) {
            return "notifications";
        }
        if (path.startsWith("/api/v2/conversations")) {
            return "conversation";
        }
        if (path.startsWith("/api/v2/routing/")) {
            return "routing";
        }
        if (path.startsWith("/api/v2/authorization/") || path.startsWith("/api/v2/oauth/")) {
            return "authorization";
        }
        return "platform.api";
    }
}
