package dev.unstuck.app.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The config file's {@code notify:} section: where {@code serve} tells people about trouble they must act
 * on, and when a condition counts as trouble. Empty targets: no notifications.
 *
 * @param endingsFailing how many failed endings within how long make "endings failing"
 * @param loopingFlow how many looping guests of one Architect flow within how long make "a flow loops"
 */
public record NotifySettings(List<Target> targets, Threshold endingsFailing, Threshold loopingFlow) {

    /** One receiver: a generic JSON webhook (signed with {@code secret}), Slack or Microsoft Teams. */
    public record Target(String name, Kind kind, URI url, Optional<String> secret) {
        @Override
        public String toString() {
            return name + " (" + kind.word() + ")"; // never the URL: Slack's and Teams' URLs are secrets themselves
        }
    }

    /** The receiver's format. */
    public enum Kind {
        WEBHOOK, SLACK, TEAMS;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code count} or more within {@code within}. */
    public record Threshold(int count, Duration within) {
    }

    public static final Threshold DEFAULT_ENDINGS_FAILING = new Threshold(5, Duration.ofMinutes(10));
    public static final Threshold DEFAULT_LOOPING_FLOW = new Threshold(20, Duration.ofHours(1));

    public NotifySettings {
        targets = List.copyOf(targets);
    }

    public static NotifySettings none() {
        return new NotifySettings(List.of(), DEFAULT_ENDINGS_FAILING, DEFAULT_LOOPING_FLOW);
    }
}
