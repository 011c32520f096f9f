package dev.unstuck.app.service;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller of the service may do. Each role includes the ones before it: a viewer reads, an
 * operator also ends and sweeps, an admin also forces endings of live-agent conversations and
 * manages tokens.
 */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        for (Role role : values()) {
            if (role.label().equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
