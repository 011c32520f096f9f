package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 document of the service, shipped in the jar. Public:
 * a reader or a client generator needs it before having a token, and it holds no secret.
 */
final class OpenApi {
    static final String PATH = "/api/v1/openapi.json";
    private static final JsonNode DOCUMENT = load();

    private OpenApi() {
    }

    static JsonNode document() {
        return DOCUMENT;
    }

    private static JsonNode load() {
        try (InputStream in = OpenApi.class.getResourceAsStream("/service/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("service/openapi.json is missing from the jar");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
