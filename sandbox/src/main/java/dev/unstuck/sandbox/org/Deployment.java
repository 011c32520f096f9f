package dev.unstuck.sandbox.org;

/** A web messaging deployment; {@code conversationDisconnect} is Send, ReadOnly or Off (guest side, part 2). */
public record Deployment(String id, String name, String conversationDisconnect) {}
