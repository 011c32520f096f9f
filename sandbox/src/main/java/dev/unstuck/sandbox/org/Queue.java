package dev.unstuck.sandbox.org;

/** A routing queue. */
public record Queue(String id, String name) {}
