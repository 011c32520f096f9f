package dev.unstuck.sandbox.conversation;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The behaviours a scenario can give a guest (docs/sandbox.md, "Guest kinds"). */
public enum GuestKind {
    WAITING("waiting"),
    LOOPING("looping"),
    ORPHANED("orphaned"),
    LIVE_AGENT("live-agent"),
    OFFERED("offered"),
    ACW("acw"),
    ENDED("ended"),
    /** Ended, yet analytics shows it open, waiting in its queue, for ever: the record froze before the end arrived. */
    GHOST("ghost");

    private final String label;

    GuestKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean needsAgent() {
        return this == LIVE_AGENT || this == OFFERED || this == ACW;
    }

    public static Optional<GuestKind> fromLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(GuestKind::label).collect(Collectors.joining(", "));
    }
}
