package dev.unstuck.sandbox.conversation;

import dev.unstuck.sandbox.org.Agent;

import java.util.Optional;

/** One guest as a scenario describes it, names already resolved. {@code passes} counts for looping guests. */
public record GuestSpec(Optional<String> id, String label, GuestKind kind, String queueId, Optional<Agent> agent,
                        long ageSeconds, int passes) {}
