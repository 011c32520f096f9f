package dev.unstuck.sandbox.org;

/**
 * A division: the org's partition of queues and conversations. Roles are granted per division, and a
 * client sees and acts only on what lies in the divisions its roles are granted in. Every org has one home
 * division (named "Home" unless a scenario says otherwise).
 */
public record Division(String id, String name, boolean home) {}
