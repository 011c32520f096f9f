package dev.unstuck.sandbox.org;

import java.util.Optional;

/**
 * A web messaging deployment; {@code conversationDisconnect} is Send, ReadOnly or Off (what the guest is
 * told when the conversation ends). Guests who write in enter {@code queueId}, or the org's first queue.
 */
public record Deployment(String id, String name, String conversationDisconnect, Optional<String> queueId) {}
