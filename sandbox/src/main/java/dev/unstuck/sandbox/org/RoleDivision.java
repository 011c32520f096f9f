package dev.unstuck.sandbox.org;

/**
 * One grant: a role in a division ({@code roleDivisions[]{roleId, divisionId}} in tokens/me and the OAuth
 * client). {@value #ALL_DIVISIONS} grants the role in every division, present and future (as the Genesys
 * Terraform provider documents for {@code division_id}).
 */
public record RoleDivision(String roleId, String divisionId) {
    public static final String ALL_DIVISIONS = "*";

    public boolean coversDivision(String division) {
        return divisionId.equals(ALL_DIVISIONS) || divisionId.equals(division);
    }
}
