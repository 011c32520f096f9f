package dev.unstuck.core.genesys;

import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** An answer's {@code inin-ratelimit-*} headers, names in lower case: what {@code unstuck probe} records per route. */
final class RateLimitHeaders {
    private static final String PREFIX = "inin-ratelimit-";

    private RateLimitHeaders() {
    }

    static Map<String, String> of(HttpHeaders headers) {
        Map<String, String> found = new TreeMap<>();
        headers.map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(PREFIX) && !values.isEmpty()) {
                found.put(lower, values.get(0));
            }
        });
        return found;
    }
}
