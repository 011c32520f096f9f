package dev.unstuck.app.service;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Jetty's own refusals (a malformed request 400, a too-long URI 414, too-large headers 431), which
 * never reach the routes, in the API's documented error shape instead of Jetty's HTML page.
 */
final class JsonErrors extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        byte[] body = body(code, message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        ServiceApi.HEADERS.forEach(response.getHeaders()::put);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        ServiceApi.HEADERS.forEach(fields::put);
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int status, String message) {
        String code = switch (status) {
            case 400 -> "bad.request";
            case 414 -> "uri.too.long";
            case 431 -> "headers.too.large";
            default -> "http." + status;
        };
        String said = message == null || message.isBlank() ? HttpStatus.getMessage(status) : dev.unstuck.app.text.UserText.shown(message, 200);
        return ApiJson.write(ServiceApi.errorBody(status, code, "the server refused the request: " + said,
                UUID.randomUUID().toString())).getBytes(StandardCharsets.UTF_8);
    }
}
