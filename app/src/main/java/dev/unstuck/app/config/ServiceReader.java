package dev.unstuck.app.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static dev.unstuck.app.config.ConfigLoader.absent;

/** Reads the {@code service:} section, each value checked where it is written (file, line, key path). */
record ServiceReader(ConfigSource source, ConfigLoader loader) {
    static final List<String> KEYS = List.of("host", "port", "managementPort", "watch", "scanEvery", "oidc", "publicUrl",
            "frameAncestors", "callerRequestsPerMinute");
    static final List<String> OIDC_KEYS = List.of("issuer", "jwksUrl", "audience", "roleClaim");

    ServiceSettings read(JsonNode node) {
        Place at = Place.of("service");
        if (!ConfigLoader.mapping(source, node, KEYS, at)) {
            return ServiceSettings.none();
        }
        Optional<Integer> port = ConfigLoader.wholeNumber(source, node.path("port"), at.child("port"), 1, 65_535, "a TCP port");
        Optional<Integer> management = ConfigLoader.wholeNumber(source, node.path("managementPort"), at.child("managementPort"), 1,
                65_535, "a TCP port");
        if (port.isPresent() && port.equals(management)) {
            throw source.problem(at.child("managementPort"), "is the same as service.port; leave it out to serve health and metrics on the API's port");
        }
        return new ServiceSettings(loader.text(source, node, at, "host"), port, management,
                ConfigLoader.bool(source, node.path("watch"), at.child("watch")), ConfigLoader.duration(source, node.path("scanEvery"), at.child("scanEvery"), false),
                oidc(node.path("oidc"), at.child("oidc")), publicUrl(node, at), frameAncestors(node.path("frameAncestors"),
                at.child("frameAncestors")), ConfigLoader.wholeNumber(source, node.path("callerRequestsPerMinute"),
                at.child("callerRequestsPerMinute"), 1, ConfigLoader.MAX_REQUESTS_PER_MINUTE, "API requests per caller and minute that reach Genesys"));
    }

    /** Where browsers reach the service: Genesys sends signed-in people back to {@code <publicUrl>/signin/genesys/callback}. */
    private Optional<URI> publicUrl(JsonNode node, Place at) {
        Optional<String> text = loader.text(source, node, at, "publicUrl");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        URI uri = origin(text.get(), at.child("publicUrl"), false);
        return Optional.of(uri);
    }

    /** The Genesys Cloud origins that may show the dashboard in a frame (a client app), e.g. https://apps.mypurecloud.de. */
    private List<String> frameAncestors(JsonNode node, Place at) {
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw source.problem(at, "must be a list of origins like [https://apps.mypurecloud.de]");
        }
        List<String> origins = new java.util.ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Place item = at.child(String.valueOf(i));
            if (!node.get(i).isTextual()) {
                throw source.problem(item, "must be an origin like https://apps.mypurecloud.de");
            }
            origins.add(origin(node.get(i).asText(), item, true).toString());
        }
        return origins;
    }

    /** An http(s) URL of scheme and host (and port); an origin has no path, no query, no wildcard. */
    private URI origin(String text, Place at, boolean originOnly) {
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (java.net.URISyntaxException e) {
            throw source.problem(at, "'" + text + "' is not a URL; write it like https://unstuck.example.com");
        }
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getHost().contains("*")
                || uri.getRawQuery() != null || uri.getRawFragment() != null || originOnly && !uri.getRawPath().isEmpty()) {
            throw source.problem(at, "'" + text + "' must be an http(s) " + (originOnly ? "origin (scheme, host and port only)" : "URL")
                    + " like https://" + (originOnly ? "apps.mypurecloud.de" : "unstuck.example.com"));
        }
        return uri;
    }

    private Optional<Oidc> oidc(JsonNode node, Place at) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw source.problem(at, "must be a mapping like { issuer: https://login.example.com, jwksUrl: https://login.example.com/jwks }");
        }
        ConfigLoader.checkKeys(source, node, OIDC_KEYS, at);
        String issuer = loader.text(source, node, at, "issuer").orElseThrow(() -> source.problem(at, "has no issuer"));
        String jwks = loader.text(source, node, at, "jwksUrl").orElseThrow(() -> source.problem(at, "has no jwksUrl"));
        return Optional.of(new Oidc(issuer, jwks, loader.text(source, node, at, "audience").orElse(Oidc.DEFAULT_AUDIENCE),
                loader.text(source, node, at, "roleClaim").orElse(Oidc.DEFAULT_ROLE_CLAIM)));
    }
}
