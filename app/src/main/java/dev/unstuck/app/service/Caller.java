package dev.unstuck.app.service;

import java.util.Objects;

/**
 * Who called the service, as the audit records it: an API token's name or an OIDC subject, and the
 * role it was granted. Never holds the credential itself.
 */
public record Caller(String name, Role role, String via) {

    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(via, "via");
    }

    /** The audit's "requested by": {@code token:billing-backend} or {@code oidc:alice@example.com}. */
    public String auditName() {
        return via + ":" + name;
    }
}
