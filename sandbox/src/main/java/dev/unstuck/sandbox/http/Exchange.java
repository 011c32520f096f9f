package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.util.UUID;

/** Per-request bookkeeping shared by both APIs: the correlation id, the caller for the log, writing answers. */
public final class Exchange {
    // Spelled as the official SDKs look it up (case-sensitively): ApiException.getCorrelationId.
    static final String CORRELATION_HEADER = "ININ-Correlation-Id";
    private static final String CORRELATION_ATTR = "sandbox.correlationId";
    private static final String CLIENT_ATTR = "sandbox.clientId";

    private Exchange() {}

    /** Gives the request its correlation id; runs before anything else so even errors carry it. */
    public static void begin(Context ctx) {
        String id = UUID.randomUUID().toString();
        ctx.attribute(CORRELATION_ATTR, id);
        ctx.header(CORRELATION_HEADER, id);
    }

    static String correlationId(Context ctx) {
        String id = ctx.attribute(CORRELATION_ATTR);
        return id == null ? "" : id;
    }

    static void clientIs(Context ctx, String clientId) {
        ctx.attribute(CLIENT_ATTR, clientId);
    }

    static String clientId(Context ctx) {
        String id = ctx.attribute(CLIENT_ATTR);
        return id == null ? "" : id;
    }

    /** An unexpected failure (a sandbox bug) still answers as the platform would: 500 with ErrorBody. */
    public static void internalError(Context ctx, ObjectMapper json) {
        write(ctx, Answer.error(ErrorBody.fault(500)), json);
    }

    /** Records a Genesys-facing request once answered; the control API's own traffic is not logged. */
    public static void logAnswered(Context ctx, RequestLog log, java.time.Instant time) {
        if (ctx.path().startsWith("/sandbox/")) {
            return;
        }
        log.add(new RequestLog.Entry(time, ctx.method().name(), ctx.path(), ctx.statusCode(), clientId(ctx), correlationId(ctx)));
    }

    static void write(Context ctx, Answer answer, ObjectMapper json) {
        answer.headers().forEach(ctx::header);
        ctx.status(answer.status());
        if (answer instanceof Answer.Json j) {
            body(ctx, j.body(), json);
        } else if (answer instanceof Answer.Error e) {
            body(ctx, e.body().toJson(json, correlationId(ctx)), json);
        } else {
            ctx.result("");
        }
    }

    static void body(Context ctx, JsonNode node, ObjectMapper json) {
        try {
            ctx.contentType("application/json").result(json.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
