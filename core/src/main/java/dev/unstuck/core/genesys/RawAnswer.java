package dev.unstuck.core.genesys;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;

/**
 * An answer of {@link GenesysClient#raw} as it came: its status, its JSON body if it had one, and its
 * {@code inin-ratelimit-*} headers (lower-case names). For {@code unstuck probe}, which records shapes.
 */
public record RawAnswer(int status, Optional<JsonNode> json, Map<String, String> rateLimit) {

    public RawAnswer {
        rateLimit = Map.copyOf(rateLimit);
    }

    public RawAnswer(int status, Optional<JsonNode> json) {
        this(status, json, Map.of());
    }
}
