package dev.unstuck.app.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The config file's {@code service:} section: how {@code unstuck serve} listens and watches, and how many
 * requests a minute each API caller may make that reach Genesys. Each value is empty when the file does
 * not set it; a command-line flag overrides the file, the file the default.
 * The log format is not here: logging starts before the file is read ({@code --log-format} or
 * {@code UNSTUCK_LOG_FORMAT}).
 */
public record ServiceSettings(Optional<String> host, Optional<Integer> port, Optional<Integer> managementPort,
                              Optional<Boolean> watch, Optional<Duration> scanEvery, Optional<Oidc> oidc, Optional<URI> publicUrl,
                              List<String> frameAncestors, Optional<Integer> callerRequestsPerMinute) {

    public ServiceSettings {
        frameAncestors = List.copyOf(frameAncestors);
    }

    public static ServiceSettings none() {
        return new ServiceSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }
}
