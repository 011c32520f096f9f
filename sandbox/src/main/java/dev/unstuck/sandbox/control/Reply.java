package dev.unstuck.sandbox.control;

import com.fasterxml.jackson.databind.JsonNode;

/** A control call's answer: its status and JSON body (none for 204). */
record Reply(int status, JsonNode body) {
    static Reply ok(JsonNode body) {
        return new Reply(200, body);
    }

    static Reply noContent() {
        return new Reply(204, null);
    }
}
