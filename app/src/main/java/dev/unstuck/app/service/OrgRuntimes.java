package dev.unstuck.app.service;

import dev.unstuck.app.text.UserText;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@link OrgRuntime}s the service acts on, found by the names of the config file. */
final class OrgRuntimes {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Map<String, OrgRuntime> byName = new LinkedHashMap<>();

    OrgRuntimes(List<OrgRuntime> orgs) {
        orgs.forEach(o -> byName.put(o.name(), o));
    }

    /** The org of a path parameter; 404 with the known names when there is no such org. */
    OrgRuntime get(String name) {
        OrgRuntime org = NAME.matcher(name).matches() ? byName.get(name) : null;
        if (org == null) {
            throw ApiProblem.notFound("org.not.found", "no org '" + UserText.shown(name, 64) + "' in the service's config; known: "
                    + String.join(", ", byName.keySet()));
        }
        return org;
    }

    Collection<OrgRuntime> all() {
        return byName.values();
    }
}
