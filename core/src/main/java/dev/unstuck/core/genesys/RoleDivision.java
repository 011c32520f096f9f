package dev.unstuck.core.genesys;

import java.util.Objects;

/**
 * One grant of the OAuth client: a role in a division ({@code OAuthClient.roleDivisions[]}).
 * {@code divisionId} {@value #ALL_DIVISIONS} grants the role in every division (docs/genesys-api.md, Divisions).
 */
public record RoleDivision(String roleId, String divisionId) {
    public static final String ALL_DIVISIONS = "*";

    public RoleDivision {
        Objects.requireNonNull(roleId, "roleId");
        Objects.requireNonNull(divisionId, "divisionId");
    }

    public boolean allDivisions() {
        return divisionId.equals(ALL_DIVISIONS);
    }
}
