package dev.unstuck.core.genesys;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/** Turns a network failure into a sentence a user can act on: which host, and what happened. */
final class Unreachable {

    private Unreachable() {
    }

    static String describe(URI target, IOException failure) {
        String host = target.getScheme() + "://" + target.getAuthority();
        return "cannot reach " + host + ": " + reason(target, failure);
    }

    private static String reason(URI target, Throwable failure) {
        // java.net.http wraps a failed name lookup in a ConnectException: look for it first, or the
        // user reads "connection refused" for a typo in the host name.
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "the host " + target.getHost() + " could not be resolved (no such name in DNS; check the region or base URL)";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Exchanges.AnswerTimeout) {
                return t.getMessage();
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "connect timed out (is the region right, or a proxy needed?)";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer before the request timeout";
            }
            if (t instanceof ConnectException) {
                return "connection refused (nothing listens there; is the region or base URL right?)";
            }
            if (t instanceof SSLException) {
                return "TLS failed: " + t.getMessage();
            }
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}
