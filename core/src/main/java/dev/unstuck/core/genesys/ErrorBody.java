package dev.unstuck.core.genesys;

import java.util.Map;
import java.util.Objects;

/**
 * The parts of a Genesys ErrorBody a user acts on. OAuth token errors ({@code error},
 * {@code error_description}) are mapped here too: {@code code} = {@code error}.
 */
public record ErrorBody(String code, String message, Map<String, String> messageParams) {

    public ErrorBody {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        messageParams = Map.copyOf(messageParams);
    }
}
