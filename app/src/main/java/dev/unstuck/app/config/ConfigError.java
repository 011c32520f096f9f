package dev.unstuck.app.config;

/**
 * A configuration the user can fix (config file, credentials in the environment, region): one line
 * naming the place, the value and what is expected. The CLI maps it to its exit code; this package
 * knows nothing of exit codes.
 */
public final class ConfigError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigError(String message) {
        super(message, null, false, false);
    }
}
