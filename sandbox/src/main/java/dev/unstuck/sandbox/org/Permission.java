package dev.unstuck.sandbox.org;

/**
 * A Genesys permission {@code domain:entity:action}. A granted permission may use {@code *} for any
 * segment ({@code conversation:*:*}, {@code conversation:communication:*}), as role editors allow.
 */
public record Permission(String domain, String entity, String action) {
    public static Permission parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
            throw new IllegalArgumentException("not a permission domain:entity:action: \"" + text + "\"");
        }
        return new Permission(parts[0], parts[1], parts[2]);
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** True when this (granted) permission covers the required one. */
    public boolean covers(Permission required) {
        return matches(domain, required.domain) && matches(entity, required.entity) && matches(action, required.action);
    }

    private static boolean matches(String granted, String required) {
        return granted.equals("*") || granted.equals(required);
    }

    @Override
    public String toString() {
        return domain + ":" + entity + ":" + action;
    }
}
