package dev.unstuck.sandbox;

/** A scenario that cannot be loaded; the message says what is wrong and where ({@code guests[3].kind: …}). */
public class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message);
    }
}
