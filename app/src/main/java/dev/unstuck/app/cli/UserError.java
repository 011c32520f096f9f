package dev.unstuck.app.cli;

/**
 * A mistake the user can fix: printed as one actionable line, never with a stack trace.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    public UserError(ExitCode exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
