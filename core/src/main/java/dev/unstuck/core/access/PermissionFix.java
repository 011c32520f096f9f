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
}
