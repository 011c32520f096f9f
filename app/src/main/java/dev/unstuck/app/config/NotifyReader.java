package dev.unstuck.app.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static dev.unstuck.app.config.ConfigLoader.absent;

/** Reads the {@code notify:} section, each value checked where it is written (file, line, key path). */
record NotifyReader(ConfigSource source, ConfigLoader loader) {
    static final List<String> KEYS = List.of("targets", "endingsFailing", "loopingFlow");
    static final List<String> TARGET_KEYS = List.of("name", "type", "url", "secret");
    static final List<String> THRESHOLD_KEYS = List.of("count", "within");
    /** Below 16 bytes an HMAC key can be guessed offline from one signed message. */
    static final int SHORTEST_SECRET = 16;

    NotifySettings read(JsonNode node) {
        Place at = Place.of("notify");
        if (!ConfigLoader.mapping(source, node, KEYS, at)) {
            return NotifySettings.none();
        }
        return new NotifySettings(targets(node.path("targets"), at.child("targets")),
                threshold(node.path("endingsFailing"), at.child("endingsFailing"), NotifySettings.DEFAULT_ENDINGS_FAILING),
                threshold(node.path("loopingFlow"), at.child("loopingFlow"), NotifySettings.DEFAULT_LOOPING_FLOW));
    }

    private List<NotifySettings.Target> targets(JsonNode node, Place at) {
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw source.problem(at, "must be a list like - { name: oncall, type: webhook, url: https://…, secret: ${UNSTUCK_WEBHOOK_SECRET} }");
        }
        List<NotifySettings.Target> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            NotifySettings.Target target = target(node.get(i), at.child(String.valueOf(i)));
            if (!names.add(target.name())) {
                throw source.problem(at.child(String.valueOf(i)).child("name"), "'" + target.name() + "' names two targets; give each its own name");
            }
            targets.add(target);
        }
        return targets;
    }

    private NotifySettings.Target target(JsonNode node, Place at) {
        if (!node.isObject()) {
            throw source.problem(at, "must be a mapping with name, type, url (and secret for a webhook)");
        }
        ConfigLoader.checkKeys(source, node, TARGET_KEYS, at);
        String name = loader.text(source, node, at, "name").orElseThrow(() -> source.problem(at, "has no name"));
        String type = loader.text(source, node, at, "type").orElseThrow(() -> source.problem(at, "has no type (webhook, slack or teams)"));
        NotifySettings.Kind kind;
        try {
            kind = NotifySettings.Kind.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw source.problem(at.child("type"), "'" + type + "' is not a notification type; write webhook, slack or teams");
        }
        String url = loader.text(source, node, at, "url").orElseThrow(() -> source.problem(at, "has no url"));
        URI uri = url(url, at.child("url"));
        Optional<String> secret = loader.text(source, node, at, "secret");
        if (kind == NotifySettings.Kind.WEBHOOK && secret.isEmpty()) {
            throw source.problem(at, "is a webhook without a secret: its messages are signed with it (HMAC-SHA256) so the receiver can"
                    + " tell them from forgeries; add secret: ${SOME_VARIABLE}");
        }
        if (secret.isPresent() && secret.get().length() < SHORTEST_SECRET) {
            throw source.problem(at.child("secret"), "is shorter than " + SHORTEST_SECRET + " characters; use a random one, e.g. openssl rand -hex 32");
        }
        return new NotifySettings.Target(name, kind, uri, secret);
    }

    /** Only the scheme and host are echoed: a Slack or Teams URL carries its secret in the path. */
    private URI url(String text, Place at) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw source.problem(at, "is not a URL; write it like https://hooks.example.com/unstuck");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw source.problem(at, "must be an http or https URL with a host, like https://hooks.example.com/unstuck");
        }
        return uri;
    }

    private NotifySettings.Threshold threshold(JsonNode node, Place at, NotifySettings.Threshold fallback) {
        if (absent(node)) {
            return fallback;
        }
        if (!node.isObject()) {
            throw source.problem(at, "must be a mapping like { count: " + fallback.count() + ", within: 10m }");
        }
        ConfigLoader.checkKeys(source, node, THRESHOLD_KEYS, at);
        int count = ConfigLoader.wholeNumber(source, node.path("count"), at.child("count"), 1, 100_000, "how many").orElse(fallback.count());
        Duration within = ConfigLoader.duration(source, node.path("within"), at.child("within"), false).orElse(fallback.within());
        return new NotifySettings.Threshold(count, within);
    }
}
