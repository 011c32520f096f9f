package dev.unstuck.core.genesys;

import java.util.Objects;

/** A division of the org, as {@code GET /api/v2/authorization/divisions} lists it (no permission needed). */
public record DivisionInfo(String id, String name, boolean home) {

    public DivisionInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
