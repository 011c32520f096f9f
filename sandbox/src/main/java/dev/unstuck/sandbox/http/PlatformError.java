package dev.unstuck.sandbox.http;

/**
 * A check that failed: the platform's answer to the request, as an exception so a handler reads as its
 * checks in order instead of a ladder of early returns. {@link GenesysApi} maps it to the error body in
 * one place, as Javalin's {@code HttpResponseException} is mapped.
 */
final class PlatformError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorBody body;

    PlatformError(ErrorBody body) {
        // No stack trace: this is an answer, not a bug, and answers are frequent under load.
        super(body.message(), null, false, false);
        this.body = body;
    }

    ErrorBody body() {
        return body;
    }
}
