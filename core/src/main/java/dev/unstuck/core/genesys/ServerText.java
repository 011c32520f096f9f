package dev.unstuck.core.genesys;

import java.util.regex.Pattern;

/**
 * Text a server sent (error messages and codes, names, correlation ids, frames), made fit to show on a
 * terminal and to store in the audit. A server is not trusted with either: it may echo the request's
 * {@code Authorization} header, or send escape sequences that rewrite a terminal. Every piece of
 * server text the client hands on has passed {@link #clean(String)}; this is the one place that
 * decides how.
 */
public final class ServerText {

    /** Long enough for any Genesys error message; short enough that a page of HTML cannot flood a line. */
    public static final int MAX_LENGTH = 300;

    private static final Pattern ESCAPE_SEQUENCE = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]"                       // CSI: colours, cursor moves, erase
                    + "|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?" // OSC: titles, hyperlinks
                    + "|\u001B[P^_X][^\u001B]*(?:\u001B\\\\)?"           // DCS, PM, APC, SOS
                    + "|\u001B.?");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\u0080-\u009F\u2028\u2029]");
    // Bidirectional overrides and zero-width characters make shown text differ from stored text.
    private static final Pattern INVISIBLE = Pattern.compile("[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]");
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(bearer|basic|negotiate|digest)(\\s+)[A-Za-z0-9\\-._~+/]+=*");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i)(\"?\\b(?:access_token|refresh_token|id_token|token|client_secret|clientSecret|secret|password|passwd|pwd|"
                    + "api[_-]?key|authorization|cookie|set-cookie)\"?\\s*[:=]\\s*\"?)(?!\\*\\*\\*|(?:bearer|basic|negotiate|digest)\\s)([^\"\\s,;&}]+)");
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]+:)[^@/\\s]+@");
    private static final Pattern SPACES = Pattern.compile("\\s{2,}");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private ServerText() {
    }

    /**
     * The text without escape sequences, control or invisible characters (each becomes a space), with
     * anything that looks like a credential replaced by {@code ***}, runs of spaces folded, and at most
     * {@link #MAX_LENGTH} characters (then {@code …}).
     */
    public static String clean(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = ESCAPE_SEQUENCE.matcher(text).replaceAll(" ");
        s = CONTROL.matcher(s).replaceAll(" ");
        s = INVISIBLE.matcher(s).replaceAll("");
        s = AUTH_SCHEME.matcher(s).replaceAll("$1$2***");
        s = JWT.matcher(s).replaceAll("***");
        s = SECRET_FIELD.matcher(s).replaceAll("$1***");
        s = URL_PASSWORD.matcher(s).replaceAll("$1***@");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        if (s.codePointCount(0, s.length()) > MAX_LENGTH) {
            s = s.substring(0, s.offsetByCodePoints(0, MAX_LENGTH)) + "…";
        }
        return s;
    }

    /** A correlation id as Genesys sends it (letters, digits, dashes); anything else is not one, and is dropped. */
    static String id(String text) {
        return text != null && SAFE_ID.matcher(text).matches() ? text : "";
    }
}
