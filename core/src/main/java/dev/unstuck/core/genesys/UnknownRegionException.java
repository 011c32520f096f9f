package dev.unstuck.core.genesys;

/** A region text that is neither a known region name, a known domain, nor an http(s) base URL. */
public final class UnknownRegionException extends Exception {

    public UnknownRegionException(String message) {
        super(message);
    }
}
