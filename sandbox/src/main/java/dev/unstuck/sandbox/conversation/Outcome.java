package dev.unstuck.sandbox.conversation;

/** What became of a request to change a conversation; the HTTP side decides the status code. */
public sealed interface Outcome {
    record Applied() implements Outcome {}

    /** Refused because of the conversation's current state (HTTP 409 on the Genesys side). */
    record Conflict(String reason) implements Outcome {}

    static Outcome applied() {
        return new Applied();
    }

    static Outcome conflict(String reason) {
        return new Conflict(reason);
    }
}
