package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** What an endpoint answers; written to the wire in one place ({@link Exchange}). */
sealed interface Answer {
    int status();

    Map<String, String> headers();

    record Json(int status, JsonNode body, Map<String, String> headers) implements Answer {}

    record Empty(int status, Map<String, String> headers) implements Answer {}

    record Error(ErrorBody body, Map<String, String> headers) implements Answer {
        @Override
        public int status() {
            return body.status();
        }
    }

    static Answer json(int status, JsonNode body) {
        return new Json(status, body, new LinkedHashMap<>());
    }

    static Answer empty(int status) {
        return new Empty(status, new LinkedHashMap<>());
    }

    static Answer error(ErrorBody body) {
        return new Error(body, new LinkedHashMap<>());
    }
}
