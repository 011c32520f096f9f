package dev.unstuck.core.genesys;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a Genesys Cloud org lives: the API base URL and the login (OAuth) base URL.
 *
 * <p>Real regions put the API at {@code https://api.<domain>} and login at
 * {@code https://login.<domain>}; a base URL given verbatim (the sandbox) serves both.
 *
 * @param name the region name ({@code eu_central_1}) or, for a base URL, the URL itself
 * @param apiBase base of {@code /api/v2/...}
 * @param loginBase base of {@code /oauth/token}
 */
public record Region(String name, URI apiBase, URI loginBase) {

    private static final Map<String, String> DOMAINS = domains();

    public Region {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(loginBase, "loginBase");
    }

    /** Every region Genesys documents, by name, in the SDKs' order. */
    public static List<Region> known() {
        return DOMAINS.entrySet().stream().map(e -> ofDomain(e.getKey(), e.getValue())).toList();
    }

    /**
     * Reads a region name ({@code eu_central_1}), a domain ({@code mypurecloud.de}) or a base URL
     * ({@code http://127.0.0.1:8080}, where API and login share the host, as in the sandbox).
     *
     * @throws UnknownRegionException with the nearest known regions in its message
     */
    public static Region parse(String text) throws UnknownRegionException {
        String trimmed = text == null ? "" : text.trim();
        String key = trimmed.toLowerCase(Locale.ROOT);
        if (key.startsWith("http://") || key.startsWith("https://")) {
            return ofBaseUrl(trimmed);
        }
        String asName = key.replace('-', '_');
        if (DOMAINS.containsKey(asName)) {
            return ofDomain(asName, DOMAINS.get(asName));
        }
        String domain = key.replaceFirst("^(api|login)\\.", "");
        for (Map.Entry<String, String> entry : DOMAINS.entrySet()) {
            if (entry.getValue().equals(domain)) {
                return ofDomain(entry.getKey(), entry.getValue());
            }
        }
        throw new UnknownRegionException(unknownMessage(trimmed));
    }

    /** True when this region is a base URL given verbatim (the sandbox or a gateway). */
    public boolean isBaseUrl() {
        return !DOMAINS.containsKey(name);
    }

    private static Region ofDomain(String name, String domain) {
        return new Region(name, URI.create("https://api." + domain), URI.create("https://login." + domain));
    }

    private static Region ofBaseUrl(String text) throws UnknownRegionException {
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (uri.getRawUserInfo() != null) {
                // Not echoed: the part before '@' may be a password, and this message is printed.
                throw new UnknownRegionException("a region URL must not hold a user or password (" + uri.getScheme() + "://…@"
                        + uri.getHost() + "); the OAuth client's id and secret go in GENESYSCLOUD_OAUTHCLIENT_ID / _SECRET or the config file");
            }
            if (uri.getHost() == null) {
                throw new UnknownRegionException("region URL '" + ServerText.clean(text) + "' has no host; e.g. http://127.0.0.1:8080");
            }
            return new Region(uri.toString(), uri, uri);
        } catch (URISyntaxException e) {
            throw new UnknownRegionException("region URL '" + text + "' is not a URL: " + e.getReason());
        }
    }

    private static String unknownMessage(String text) {
        String key = text.toLowerCase(Locale.ROOT);
        List<String> nearest = DOMAINS.entrySet().stream()
                .map(e -> Map.entry(e.getKey() + " (" + e.getValue() + ")", distanceTo(key, e.getKey(), e.getValue())))
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.groupingBy(Map.Entry::getValue, java.util.TreeMap::new,
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList())))
                .values().stream().limit(2).flatMap(List::stream).limit(3).toList();
        return "unknown region '" + text + "'; did you mean " + String.join(", ", nearest) + "?";
    }

    /** Distance to the closest of a region's spellings: name, domain, and short prefix (euc2, usw2). */
    private static int distanceTo(String text, String name, String domain) {
        String shortName = domain.substring(0, domain.indexOf('.'));
        return Stream.of(name, domain, shortName, abbreviation(name))
                .map(candidate -> editDistance(text, candidate))
                .min(Comparator.naturalOrder())
                .orElseThrow();
    }

    /** eu_central_1 → euc1: the shape people guess from the newer domains' prefixes. */
    private static String abbreviation(String name) {
        String[] parts = name.split("_");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            out.append(i == 0 || i == parts.length - 1 ? parts[i] : parts[i].substring(0, 1));
        }
        return out.toString();
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Map<String, String> domains() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("us_east_1", "mypurecloud.com");
        map.put("eu_west_1", "mypurecloud.ie");
        map.put("ap_southeast_2", "mypurecloud.com.au");
        map.put("ap_northeast_1", "mypurecloud.jp");
        map.put("eu_central_1", "mypurecloud.de");
        map.put("us_west_2", "usw2.pure.cloud");
        map.put("ca_central_1", "cac1.pure.cloud");
        map.put("ap_northeast_2", "apne2.pure.cloud");
        map.put("eu_west_2", "euw2.pure.cloud");
        map.put("ap_south_1", "aps1.pure.cloud");
        map.put("us_east_2", "use2.us-gov-pure.cloud");
        map.put("sa_east_1", "sae1.pure.cloud");
        map.put("me_central_1", "mec1.pure.cloud");
        map.put("ap_northeast_3", "apne3.pure.cloud");
        map.put("eu_central_2", "euc2.pure.cloud");
        map.put("mx_central_1", "mxc1.pure.cloud");
        map.put("ap_southeast_1", "apse1.pure.cloud");
        map.put("eusc_de_east_1", "edee1.eusc-pure.cloud");
        return Map.copyOf(map).size() == 18 ? java.util.Collections.unmodifiableMap(map) : map;
    }
}
