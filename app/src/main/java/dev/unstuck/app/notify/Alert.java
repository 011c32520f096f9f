package dev.unstuck.app.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * One message about a condition: it began to hold ({@link State#FIRING}) or cleared. Holds no secret and
 * no guest content: an org's name, the condition, what it is about (a flow, a permission) and counts.
 *
 * @param subject what the condition is about within the org (a flow's name, a permission), or "" for the org
 * @param since when the condition began to hold
 */
public record Alert(Condition condition, State state, String org, String subject, String summary, Instant since, Instant at) {

    /** Whether the condition holds or cleared. */
    public enum State {
        FIRING, RESOLVED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Alert {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(at, "at");
    }

    /** Which alerts are the same condition: one firing and one resolved message per key. */
    public Key key() {
        return new Key(condition, org, subject);
    }

    /** A condition in one org about one subject. */
    public record Key(Condition condition, String org, String subject) {
    }

    /** One line for a person: "prod: endings failing (Support in-queue flow) — 5 endings failed in 10m". */
    public String headline() {
        return (state == State.RESOLVED ? "resolved: " : "") + org + ": " + condition.title()
                + (subject.isEmpty() ? "" : " (" + subject + ")") + " - " + summary;
    }
}
