package dev.unstuck.sandbox.http;

import dev.unstuck.sandbox.org.RateLimits;
import io.javalin.http.Context;

/** What a rate-limit verdict does to the answer: its headers, and the 429 when refused. */
final class Limited {
    private Limited() {}

    /**
     * Sets the {@code inin-ratelimit-*} headers of the binding bucket on the context (so every answer past
     * this point carries them, errors included); throws the 429 when refused.
     */
    static void check(Context ctx, RateLimits.Decision rate) {
        ctx.header("inin-ratelimit-allowed", Integer.toString(rate.limit()));
        ctx.header("inin-ratelimit-count", Integer.toString(rate.count()));
        ctx.header("inin-ratelimit-reset", Long.toString(rate.resetSeconds()));
        if (!rate.allowed()) {
            ctx.header("Retry-After", Long.toString(rate.resetSeconds()));
            throw new PlatformError(ErrorBody.tooManyRequests(rate.resetSeconds(), rate.binding()));
        }
    }
}
