package dev.unstuck.sandbox.org;

/**
 * A web messaging deployment; {@code conversationDisconnect} is Send, ReadOnly or Off (what the guest
 * sees when the conversation is ended from the server); guests who connect enter {@code queueId}.
 */
public record Deployment(String id, String name, String conversationDisconnect, String queueId) {}
