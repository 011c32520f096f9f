package dev.unstuck.app.service;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * A request's caller and whether the credential it showed still holds: an API token may be revoked and
 * a JWT expires, so an event stream that outlives its request asks again.
 */
record Credential(Caller caller, Predicate<Instant> validity) {

    boolean holdsAt(Instant now) {
        return validity.test(now);
    }
}
