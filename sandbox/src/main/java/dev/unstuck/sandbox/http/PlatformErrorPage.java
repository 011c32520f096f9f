package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What Jetty answers itself, before any route runs (a URI too long, a malformed request line, a body
 * over the limit), in the platform's error body instead of Jetty's HTML or text: a client parsing
 * every error as ErrorBody must not meet another shape from the sandbox.
 */
public final class PlatformErrorPage extends ErrorHandler {
    private final ObjectMapper json;

    public PlatformErrorPage(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String correlationId = UUID.randomUUID().toString();
        String body;
        try {
            body = json.writeValueAsString(ErrorBody.protocol(code).toJson(json, correlationId));
        } catch (JsonProcessingException e) {
            callback.failed(e);
            return;
        }
        response.getHeaders().put(Exchange.CORRELATION_HEADER, correlationId);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, body, callback);
    }
}
