package dev.unstuck.app.store;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the audit lives: a SQLite file (the default, {@code ~/.local/share/unstuck/audit.db}) or any JDBC URL
 * (PostgreSQL in production). Printing it never shows a password.
 */
public record AuditLocation(String jdbcUrl, String vendor) {
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USERINFO = Pattern.compile("//([^/@:]+):[^/@]*@");
    private static final Pattern POSTGRES_USERINFO = Pattern.compile("^(jdbc:postgresql://)([^/@?]*)@([^?]*)(?:\\?(.*))?$");

    public static AuditLocation parse(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("jdbc:sqlite:")) {
            return new AuditLocation(trimmed, "sqlite");
        }
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new AuditLocation(withoutUserInfo(trimmed), "postgresql");
        }
        if (trimmed.startsWith("jdbc:")) {
            throw new IllegalArgumentException("only SQLite and PostgreSQL are supported (got " + redact(trimmed) + ")");
        }
        Path file = Path.of(expandHome(trimmed)).toAbsolutePath();
        return new AuditLocation("jdbc:sqlite:" + file, "sqlite");
    }

    /** The SQLite file, when the audit is one. */
    public java.util.Optional<Path> sqliteFile() {
        if (!vendor.equals("sqlite")) {
            return java.util.Optional.empty();
        }
        String rest = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        return java.util.Optional.of(Path.of(query < 0 ? rest : rest.substring(0, query)));
    }

    /**
     * {@code jdbc:postgresql://user:password@host/db}, as libpq and most tools accept it, becomes
     * {@code jdbc:postgresql://host/db?user=user&password=password}: the PostgreSQL driver does not read
     * user info, takes {@code user:password@host} for a host name, and its "unknown host" error then
     * carries the password into every message about the audit.
     */
    private static String withoutUserInfo(String url) {
        java.util.regex.Matcher m = POSTGRES_USERINFO.matcher(url);
        if (!m.matches()) {
            return url;
        }
        String userInfo = m.group(2);
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        StringBuilder query = new StringBuilder(m.group(4) == null ? "" : m.group(4));
        if (!user.isEmpty()) {
            query.append(query.length() == 0 ? "" : "&").append("user=").append(user);
        }
        if (colon >= 0) {
            query.append(query.length() == 0 ? "" : "&").append("password=").append(userInfo.substring(colon + 1));
        }
        return m.group(1) + m.group(3) + (query.length() == 0 ? "" : "?" + query);
    }

    @Override
    public String toString() {
        return redact(jdbcUrl);
    }

    static String redact(String url) {
        return USERINFO.matcher(PASSWORD.matcher(url).replaceAll("$1***")).replaceAll("//$1:***@");
    }

    private static String expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            String home = System.getenv("HOME"); // as the shell expands ~; user.home ignores $HOME
            return (home == null || home.isBlank() ? System.getProperty("user.home") : home) + path.substring(1);
        }
        return path;
    }
}
