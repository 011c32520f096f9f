package dev.unstuck.core.access;

import java.util.List;

/** The exact sentence telling an admin what to add where, shared by {@code doctor} and a 403 during {@code end}. */
public final class PermissionFix {

    private PermissionFix() {
    }

    /**
     * @param client the OAuth client's name or id, as the admin finds it
     * @param roleNames the client's roles (may be empty)
     */
    public static String sentence(List<String> missing, String client, List<String> roleNames) {
        if (missing.isEmpty()) {
            return "";
        }
        String permissions = (missing.size() == 1 ? "permission " : "permissions ") + String.join(", ", missing);
        if (roleNames.size() == 1) {
            return "add " + permissions + " to role " + roleNames.get(0) + " of OAuth client " + client
                    + " (Admin > Roles/Permissions)";
        }
        if (roleNames.isEmpty()) {
            return "assign a role that has " + permissions + " to OAuth client " + client
                    + " (Admin > Integrations > OAuth > Roles)";
        }
        return "add " + permissions + " to one of the roles " + String.join(", ", roleNames) + " of OAuth client " + client
                + " (Admin > Roles/Permissions), or assign a role that has it";
    }

    /**
     * The fix when the client holds the permissions, but not in the division of what it acted on
     * (a 403 coded {@value #DIVISION_CODE}): the role must be granted in that division too.
     */
    public static String divisionSentence(List<String> permissions, String client, List<String> roleNames) {
        String what = permissions.isEmpty() ? "" : " (it needs " + String.join(", ", permissions) + " there)";
        String role = roleNames.size() == 1 ? "role " + roleNames.get(0) : "a role of it";
        return "grant " + role + " of OAuth client " + client + " in the division of this conversation's queue" + what
                + " (Admin > Integrations > OAuth > Roles: pick the divisions per role); `unstuck doctor` names the divisions it can act in";
    }

    /** The error code of a 403 for acting outside the client's divisions (the sandbox's; UNCONFIRMED for Genesys). */
    public static final String DIVISION_CODE = "missing.division.permission";
}
