package dev.unstuck.app.notify;

import java.util.Locale;

/** A kind of trouble a person must act on; each is told once while it holds, and once more when it clears. */
public enum Condition {
    /** Several endings failed within a few minutes. */
    ENDINGS_FAILING("endings failing"),
    /** The org's OAuth client is refused by the token endpoint (401, 403, 400). */
    CREDENTIALS_REFUSED("credentials refused"),
    /** An ending met a 403: a role of the OAuth client lacks a permission. */
    PERMISSION_MISSING("permission missing"),
    /** This replica should watch the org and its notification channel has been down for a while. */
    WATCH_DOWN("watch down"),
    /** Many guests of one Architect flow were found looping. */
    FLOW_LOOPING("flow looping"),
    /** The watch reached the policy's hourly endings limit: due guests wait. */
    LIMIT_REACHED("endings limit reached"),
    /** {@code unstuck notify test}: a message to show the target receives unstuck's notifications. */
    TEST("test");

    private final String title;

    Condition(String title) {
        this.title = title;
    }

    /** How people read it: "endings failing". */
    public String title() {
        return title;
    }

    /** How machines read it: "endings-failing". */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
