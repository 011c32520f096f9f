package dev.unstuck.app.service;

import java.util.regex.Pattern;

/** What an API token may be called: it shows up in the audit as the caller. */
public final class TokenNames {
    public static final String RULE = "a token name is 1 to 64 letters, digits, '.', '_' or '-' (e.g. billing-backend)";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private TokenNames() {
    }

    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
