package dev.unstuck.sandbox.conversation;

import java.util.Optional;

/** A validated participant PATCH: the state asked for ({@code connected} or {@code disconnected}) and a wrap-up. */
public record ParticipantChange(Optional<String> state, Optional<Wrapup> wrapup) {}
