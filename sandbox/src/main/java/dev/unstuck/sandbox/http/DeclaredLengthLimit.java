package dev.unstuck.sandbox.http;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses a request whose declared Content-Length is over the limit with 413 before reading a byte of
 * it: waiting for a body that will be refused anyway only gives a stalling client a socket to hold.
 * Bodies without a declared length are bounded as they arrive, by the eager reader behind this.
 */
public final class DeclaredLengthLimit extends Handler.Wrapper {
    private final long maxBytes;

    public DeclaredLengthLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getLength() > maxBytes) {
            Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
            return true;
        }
        return super.handle(request, response, callback);
    }
}
