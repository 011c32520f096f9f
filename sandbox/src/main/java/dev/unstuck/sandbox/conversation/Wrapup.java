package dev.unstuck.sandbox.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A wrap-up assigned to a participant (AssignedWrapupCode). */
public record Wrapup(String code, String name, Optional<String> notes, List<String> tags, int durationSeconds,
                     Instant endTime) {
    /** The code a teardown applies to participants pending wrap-up (the sandbox's choice of name). */
    public static final String SYSTEM_CODE = "ININ-WRAP-UP-TIMEOUT";

    public Wrapup {
        tags = List.copyOf(tags);
    }

    public static Wrapup system(Instant at, int durationSeconds) {
        return new Wrapup(SYSTEM_CODE, "System wrap-up", Optional.empty(), List.of(), durationSeconds, at);
    }
}
