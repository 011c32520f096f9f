package dev.unstuck.sandbox.org;

/** A user who answers conversations from queues. */
public record Agent(String id, String name) {}
