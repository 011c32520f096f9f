package dev.unstuck.app.service;

/**
 * A request the service refuses, with the HTTP status and a stable code; handlers throw it and one
 * exception mapper writes the documented error body ({@code status, code, message, requestId}).
 */
public final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiProblem(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static ApiProblem badRequest(String message) {
        return new ApiProblem(400, "bad.request", message);
    }

    static ApiProblem notFound(String code, String message) {
        return new ApiProblem(404, code, message);
    }

    static ApiProblem unauthorized(String message) {
        return new ApiProblem(401, "not.authorized", message);
    }

    static ApiProblem forbidden(String message) {
        return new ApiProblem(403, "missing.role", message);
    }
}
