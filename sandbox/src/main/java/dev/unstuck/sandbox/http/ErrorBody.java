package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.org.RateLimits;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's error body (fact sheet §2): {@code message} has the parameters filled in,
 * {@code messageWithParams} keeps the {@code {name}} placeholders, {@code contextId} is the
 * correlation id of the answer.
 */
record ErrorBody(int status, String code, String messageWithParams, Map<String, String> messageParams,
                 Optional<Limit> limit) {
    /** The rate limit that was hit, as 429 answers carry it. */
    record Limit(String key, String namespace, long value) {}

    static final List<String> PARTICIPANT_STATES = List.of("alerting", "dialing", "contacting", "offering", "connected",
            "disconnected", "terminated", "converting", "uploading", "transmitting", "parked", "none");

    ErrorBody {
        messageParams = Map.copyOf(messageParams);
    }

    static ErrorBody of(int status, String code, String message) {
        return new ErrorBody(status, code, message, Map.of(), Optional.empty());
    }

    static ErrorBody authenticationRequired() {
        return of(401, "authentication.required", "No authentication bearer token specified in authorization header.");
    }

    static ErrorBody badCredentials() {
        return of(401, "bad.credentials", "Invalid login credentials.");
    }

    static ErrorBody credentialsExpired() {
        return of(401, "credentials.expired", "The supplied credentials are expired and cannot be used.");
    }

    static ErrorBody missingPermission(String permission) {
        return new ErrorBody(403, "missing.permissions",
                "Unable to perform the requested action. You are missing the following permission(s): {permissions}",
                Map.of("permissions", permission), Optional.empty());
    }

    static ErrorBody missingAnyPermission(List<String> permissions) {
        return new ErrorBody(403, "missing.any.permissions",
                "Unable to perform the requested action. You must have at least one of the following permissions assigned: {permissions}",
                Map.of("permissions", String.join(", ", permissions)), Optional.empty());
    }

    /** The sandbox's wording for acting outside the caller's divisions (the code and text are UNCONFIRMED). */
    static ErrorBody missingDivisionPermission(List<String> permissions) {
        return new ErrorBody(403, "missing.division.permission",
                "Unable to perform the requested action. You are missing the following permission(s) in the division of the requested resource: {permissions}",
                Map.of("permissions", permissions.isEmpty() ? "any role" : String.join(", ", permissions)), Optional.empty());
    }

    static ErrorBody notFound(String what) {
        return of(404, "not.found", what);
    }

    static ErrorBody conflict(String code, String reason) {
        return of(409, code, "The request conflicts with the current state of the target resource. " + reason);
    }

    static ErrorBody badRequest(String message) {
        return of(400, "bad.request", message);
    }

    static ErrorBody invalidValue(String value, String fieldType, List<String> allowed) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("value", value);
        params.put("fieldType", fieldType);
        params.put("allowableValues", String.join(", ", allowed));
        return new ErrorBody(400, "invalid.value",
                "Value [{value}] is not valid for field type [{fieldType}]. Allowable values are: {allowableValues}",
                params, Optional.empty());
    }

    /** The 429 of a rate limit: {@code limit} names the bucket that refused. */
    static ErrorBody tooManyRequests(long retryAfterSeconds, RateLimits.Bucket bucket) {
        return new ErrorBody(429, "too.many.requests.retry.after",
                "Rate limit exceeded the maximum. Retry the request in [{retryAfter}] seconds",
                Map.of("retryAfter", Long.toString(retryAfterSeconds)),
                Optional.of(new Limit(bucket.key(), bucket.namespace(), bucket.limit())));
    }

    /** The body a fault answers with, coded as the platform codes that status. */
    static ErrorBody fault(int status) {
        return switch (status) {
            case 400 -> badRequest("The request could not be understood by the server due to malformed syntax.");
            case 401 -> badCredentials();
            case 403 -> of(403, "not.authorized", "You are not authorized to perform the requested action.");
            case 404 -> notFound("The requested resource was not found.");
            case 408 -> of(408, "client.timeout", "The client did not produce a request within the server timeout limit.");
            case 409 -> conflict("general.conflict", "");
            case 429 -> tooManyRequests(1, new RateLimits.Bucket("fault", RateBuckets.TOKEN_KEY, "platform.api", 0));
            case 502 -> of(502, "bad.gateway", "The server received an invalid response from an upstream server.");
            case 503 -> of(503, "service.unavailable", "Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).");
            case 504 -> of(504, "request.timeout", "The request timed out.");
            default -> of(status, status >= 500 ? "internal.server.error" : "bad.request",
                    status >= 500 ? "The server encountered an unexpected condition which prevented it from fulfilling the request." : "Bad request");
        };
    }

    /**
     * What the web server itself answers, before any endpoint: the platform's codes where the swagger
     * lists one (413, 415, fact sheet §2), plain status names for the rest (414, 431: UNCONFIRMED).
     */
    static ErrorBody protocol(int status) {
        return switch (status) {
            case 400 -> badRequest("The request could not be understood by the server due to malformed syntax.");
            case 404 -> notFound("The requested resource was not found.");
            case 405 -> of(405, "method.not.allowed", "The method is not allowed for the requested resource.");
            case 408 -> of(408, "client.timeout", "The client did not produce a request within the server timeout limit.");
            case 413 -> of(413, "request.entity.too.large", "The request is larger than the server is willing or able to process.");
            case 414 -> of(414, "request.uri.too.long", "The request URI is longer than the server is willing to interpret.");
            case 415 -> of(415, "unsupported.media.type", "The request body is in a format the resource does not support.");
            case 431 -> of(431, "request.header.fields.too.large", "The request's header fields are too large.");
            default -> fault(status);
        };
    }

    String message() {
        String m = messageWithParams;
        for (Map.Entry<String, String> e : messageParams.entrySet()) {
            m = m.replace("{" + e.getKey() + "}", e.getValue());
        }
        return m;
    }

    ObjectNode toJson(ObjectMapper json, String correlationId) {
        ObjectNode n = json.createObjectNode();
        n.put("message", message());
        n.put("code", code);
        n.put("status", status);
        n.put("messageWithParams", messageWithParams);
        ObjectNode params = n.putObject("messageParams");
        messageParams.forEach(params::put);
        n.put("contextId", correlationId);
        n.putArray("details");
        n.putArray("errors");
        limit.ifPresent(l -> n.putObject("limit").put("key", l.key()).put("namespace", l.namespace()).put("value", l.value()));
        return n;
    }
}
