package dev.unstuck.core.access;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Genesys permission strings ({@code domain:entity:action}) and their wildcards. */
public final class Permissions {

    private static final Pattern PERMISSION = Pattern.compile("[A-Za-z][A-Za-z0-9_]*:[A-Za-z*][A-Za-z0-9_*]*:[A-Za-z*][A-Za-z0-9_*]*");

    private Permissions() {
    }

    /**
     * True when {@code granted} covers {@code required}: segment by segment, {@code *} matches any;
     * a bare {@code *} matches everything. Case is ignored, as Genesys spells some names in two ways.
     */
    public static boolean covers(String granted, String required) {
        String g = granted.trim().toLowerCase(Locale.ROOT);
        String r = required.trim().toLowerCase(Locale.ROOT);
        if (g.equals("*") || g.equals(r)) {
            return true;
        }
        String[] gs = g.split(":");
        String[] rs = r.split(":");
        if (gs.length != rs.length) {
            return false;
        }
        for (int i = 0; i < gs.length; i++) {
            if (!gs[i].equals("*") && !gs[i].equals(rs[i])) {
                return false;
            }
        }
        return true;
    }

    public static boolean anyCovers(Collection<String> granted, String required) {
        return granted.stream().anyMatch(g -> covers(g, required));
    }

    /** The permission strings in a text such as a 403's {@code messageParams} values or its message. */
    public static List<String> findIn(String text) {
        Matcher matcher = PERMISSION.matcher(text);
        List<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            if (!found.contains(matcher.group())) {
                found.add(matcher.group());
            }
        }
        return List.copyOf(found);
    }
}
