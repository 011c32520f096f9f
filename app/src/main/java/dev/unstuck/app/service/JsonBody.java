package dev.unstuck.app.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.app.text.UserText;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request's JSON body: read once, in the API's before-filter, where its size and media type are
 * checked; handlers then bind it into their request record. A field of the wrong JSON type is refused
 * with that field's own rule.
 */
final class JsonBody {
    static final long MAX_BODY = 64 * 1024;
    private static final String ATTRIBUTE = "unstuck.body";
    /** Bodies up to this size are read and thrown away before a 413, so the caller gets the answer. */
    private static final long DISCARDED_AT_MOST = 1L << 20;

    private JsonBody() {
    }

    /** Reads and checks the body of a POST or PUT; keeps it for the handler. */
    static void read(Context ctx) {
        long length = ctx.contentLength();
        if (length > MAX_BODY) {
            discard(ctx, length);
            throw tooLarge(length);
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes((int) MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                drain(in); // a chunked body declares no length: found too large while read
                throw tooLarge(-1);
            }
        } catch (IOException e) {
            throw ApiProblem.badRequest("the body could not be read: " + UserText.shown(e.getMessage(), 120));
        }
        // Judged on the bytes read, not the declared length: a chunked body declares none.
        if (bytes.length > 0 && !isJson(ctx.contentType())) {
            throw new ApiProblem(415, "unsupported.media.type", "send the body as JSON with 'Content-Type: application/json'");
        }
        ctx.attribute(ATTRIBUTE, bytes);
    }

    /**
     * The body bound into {@code type}; an empty body is an empty object.
     *
     * @param rules each field's rule, said when its value has the wrong type
     */
    static <T> T as(Context ctx, Class<T> type, Map<String, String> rules) {
        byte[] bytes = Optional.<byte[]>ofNullable(ctx.attribute(ATTRIBUTE)).orElse(new byte[0]);
        JsonNode node;
        if (bytes.length == 0) {
            node = ApiJson.MAPPER.createObjectNode();
        } else {
            try {
                node = ApiJson.MAPPER.readTree(bytes);
            } catch (JsonProcessingException e) {
                throw ApiProblem.badRequest("the body is not valid JSON: " + UserText.shown(e.getOriginalMessage(), 120));
            } catch (IOException e) {
                throw ApiProblem.badRequest("the body could not be read: " + UserText.shown(e.getMessage(), 120));
            }
        }
        if (node == null || !node.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object");
        }
        try {
            return ApiJson.bind(node, type);
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "" : Optional.ofNullable(e.getPath().get(0).getFieldName()).orElse("");
            throw ApiProblem.badRequest(Optional.ofNullable(rules.get(field))
                    .orElseGet(() -> "the body does not fit: " + UserText.shown(e.getOriginalMessage(), 120)));
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("the body is not valid JSON: " + UserText.shown(e.getOriginalMessage(), 120));
        }
    }

    /** {@code application/json}, with parameters or none ({@code ; charset=utf-8}); not {@code application/jsonx}. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        if (!type.equalsIgnoreCase("application/json")) {
            return false;
        }
        String charset = semicolon < 0 ? "" : contentType.substring(semicolon + 1).trim().toLowerCase(Locale.ROOT);
        return charset.isEmpty() || charset.replace(" ", "").replace("\"", "").equals("charset=utf-8");
    }

    /** Text as the API takes it: trimmed; absent when missing or null. */
    static Optional<String> text(String value) {
        return Optional.ofNullable(value).map(String::trim);
    }

    private static ApiProblem tooLarge(long length) {
        return new ApiProblem(413, "body.too.large", length >= 0
                ? "the request body is " + length + " bytes; at most " + MAX_BODY + " are read"
                : "the request body is over " + MAX_BODY + " bytes");
    }

    /**
     * Reads a too-large body (up to a megabyte) before answering: a server that answers while the client
     * is still sending and then closes leaves most clients with a broken pipe instead of the 413.
     */
    private static void discard(Context ctx, long length) {
        if (length > DISCARDED_AT_MOST) {
            return;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            drain(in);
        } catch (IOException e) {
            // The caller went away; the 413 is answered to no one.
        }
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        long read = 0;
        try {
            for (int n = in.read(buffer); n >= 0 && read < DISCARDED_AT_MOST; n = in.read(buffer)) {
                read += n;
            }
        } catch (IOException e) {
            // The caller went away; the 413 is answered to no one.
        }
    }
}
