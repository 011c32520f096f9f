package dev.unstuck.sandbox.org;

/** A routing queue; it lies in one division, and so do the conversations routed to it. */
public record Queue(String id, String name, String divisionId) {}
