package dev.unstuck.app.store;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the audit lives: a SQLite file (the default, {@code ~/.unstuck/audit.db}) or any JDBC URL
 * (PostgreSQL in production). Printing it never shows a password.
 */
public record AuditLocation(String jdbcUrl, String vendor) {
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USERINFO = Pattern.compile("//([^/@:]+):[^/@]*@");

    public static AuditLocation parse(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("jdbc:sqlite:")) {
            return new AuditLocation(trimmed, "sqlite");
        }
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new AuditLocation(trimmed, "postgresql");
        }
        if (trimmed.startsWith("jdbc:")) {
            throw new IllegalArgumentException("only SQLite and PostgreSQL are supported (got " + redact(trimmed) + ")");
        }
        Path file = Path.of(expandHome(trimmed)).toAbsolutePath();
        return new AuditLocation("jdbc:sqlite:" + file, "sqlite");
    }

    public static AuditLocation defaultFor(Path home) {
        return new AuditLocation("jdbc:sqlite:" + home.resolve(".unstuck").resolve("audit.db").toAbsolutePath(), "sqlite");
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

    @Override
    public String toString() {
        return redact(jdbcUrl);
    }

    static String redact(String url) {
        return USERINFO.matcher(PASSWORD.matcher(url).replaceAll("$1***")).replaceAll("//$1:***@");
    }

    private static String expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }
}
