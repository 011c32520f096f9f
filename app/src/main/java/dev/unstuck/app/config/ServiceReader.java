package dev.unstuck.app.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

import static dev.unstuck.app.config.ConfigLoader.absent;

/** Reads the {@code service:} section, each value checked where it is written (file, line, key path). */
final class ServiceReader {
    static final List<String> KEYS = List.of("host", "port", "managementPort", "watch", "scanEvery", "oidc");
    static final List<String> OIDC_KEYS = List.of("issuer", "jwksUrl", "audience", "roleClaim");

    private final ConfigSource source;
    private final ConfigLoader loader;

    ServiceReader(ConfigSource source, ConfigLoader loader) {
        this.source = source;
        this.loader = loader;
    }

    ServiceSettings read(JsonNode node) {
        Place at = Place.of("service");
        if (absent(node)) {
            return ServiceSettings.none();
        }
        if (!node.isObject()) {
            throw source.problem(at, "must be a mapping with some of " + KEYS);
        }
        ConfigLoader.checkKeys(source, node, KEYS, at);
        Optional<Integer> port = ConfigLoader.wholeNumber(source, node.path("port"), at.child("port"), 1, 65_535, "a TCP port");
        Optional<Integer> management = ConfigLoader.wholeNumber(source, node.path("managementPort"), at.child("managementPort"), 1,
                65_535, "a TCP port");
        if (port.isPresent() && port.equals(management)) {
            throw source.problem(at.child("managementPort"), "is the same as service.port; leave it out to serve health and metrics on the API's port");
        }
        return new ServiceSettings(loader.text(source, node, at, "host"), port, management,
                ConfigLoader.bool(source, node.path("watch"), at.child("watch")), ConfigLoader.duration(source, node.path("scanEvery"), at.child("scanEvery"), false),
                oidc(node.path("oidc"), at.child("oidc")));
    }

    private Optional<ServiceSettings.Oidc> oidc(JsonNode node, Place at) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw source.problem(at, "must be a mapping like { issuer: https://login.example.com, jwksUrl: https://login.example.com/jwks }");
        }
        ConfigLoader.checkKeys(source, node, OIDC_KEYS, at);
        String issuer = loader.text(source, node, at, "issuer").orElseThrow(() -> source.problem(at, "has no issuer"));
        String jwks = loader.text(source, node, at, "jwksUrl").orElseThrow(() -> source.problem(at, "has no jwksUrl"));
        return Optional.of(new ServiceSettings.Oidc(issuer, jwks, loader.text(source, node, at, "audience"),
                loader.text(source, node, at, "roleClaim")));
    }
}
