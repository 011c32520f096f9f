package dev.unstuck.app.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where unstuck keeps its files when none is named: the XDG base directories under {@code $HOME}
 * ({@code $XDG_CONFIG_HOME/unstuck/config.yaml}, {@code $XDG_DATA_HOME/unstuck/audit.db}). A file at the
 * old place ({@code ~/.unstuck/}) is still used while nothing lies at the new one, so an upgrade loses
 * no config and no audit; the caller tells the user to move it.
 *
 * @param home the user's home folder ({@code $HOME})
 */
public record BaseDirectories(Path home, Map<String, String> env) {
    private static final String APP = "unstuck";

    /** A default file: where it is, and the one-line hint when that is the old place. */
    public record Chosen(Path path, Optional<String> hint) {
    }

    /** {@code $XDG_CONFIG_HOME/unstuck/config.yaml}, else {@code $HOME/.config/unstuck/config.yaml}. */
    public Path configFile() {
        return base("XDG_CONFIG_HOME", home.resolve(".config")).resolve(APP).resolve("config.yaml");
    }

    /** {@code $XDG_DATA_HOME/unstuck/audit.db}, else {@code $HOME/.local/share/unstuck/audit.db}. */
    public Path auditFile() {
        return base("XDG_DATA_HOME", home.resolve(".local").resolve("share")).resolve(APP).resolve("audit.db");
    }

    /** The config file to read when none is named, if there is one at the new place or the old. */
    public Optional<Chosen> config() {
        Path now = configFile();
        if (Files.exists(now)) {
            return Optional.of(new Chosen(now, Optional.empty()));
        }
        Path old = home.resolve(".unstuck").resolve("config.yaml");
        return Files.exists(old) ? Optional.of(new Chosen(old, Optional.of(hint(old, now)))) : Optional.empty();
    }

    /** The audit database when none is named: the new place, unless only the old one holds a file. */
    public Chosen audit() {
        Path now = auditFile();
        Path old = home.resolve(".unstuck").resolve("audit.db");
        if (!Files.exists(now) && Files.exists(old)) {
            return new Chosen(old, Optional.of(hint(old, now)));
        }
        return new Chosen(now, Optional.empty());
    }

    /** The XDG variable when it holds an absolute path (the specification says to ignore a relative one). */
    private Path base(String variable, Path fallback) {
        String value = env.get(variable);
        if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
            return fallback;
        }
        return Path.of(value);
    }

    private static String hint(Path old, Path now) {
        return "unstuck: using " + old + " (the old place); move it to " + now + ", where unstuck looks first";
    }
}
