package dev.unstuck.app.service;

import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.engine.Outcome;

import java.util.List;

/**
 * Who hears about what the service does: the metrics and the event stream. One list so the API's
 * endings and the watch's endings are told the same way.
 */
final class Observers {
    /** One listener of the service's doings. */
    interface Observer {
        default void ended(String org, String source, String queue, String reason, Outcome outcome) {
        }

        default void detected(String org, Finding finding) {
        }

        default void watchChanged(String org, String state, String detail) {
        }
    }

    private final List<Observer> observers;

    Observers(List<Observer> observers) {
        this.observers = List.copyOf(observers);
    }

    void ended(String org, String source, String reason, Outcome outcome) {
        observers.forEach(o -> o.ended(org, source, "", reason, outcome));
    }

    /** Detection (a watch or a sweep, the {@code source}) found a guest and handed it to the engine. */
    void handled(String org, String source, Finding finding, Outcome outcome) {
        observers.forEach(o -> {
            o.detected(org, finding);
            o.ended(org, source, finding.queue(), finding.why(), outcome);
        });
    }

    void watchChanged(String org, String state, String detail) {
        observers.forEach(o -> o.watchChanged(org, state, detail));
    }
}
