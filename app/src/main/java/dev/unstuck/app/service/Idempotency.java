package dev.unstuck.app.service;

import dev.unstuck.app.store.IdempotencyKeys;
import dev.unstuck.app.store.Sha256;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} header on the routes that act (endings, sweeps), as the IETF draft has it:
 * the first request with a key acts and its answer is kept; a retry with the key gets that answer; the
 * key sent again while its request is still acting gets 409; the key sent with another request gets 422.
 */
final class Idempotency {
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private final IdempotencyKeys keys;
    private final Clock clock;

    Idempotency(IdempotencyKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** An answer to keep: its status and JSON body. */
    record Answer(int status, String body) {
    }

    /** The request's key, if it sent one; a malformed one is refused. */
    static Optional<String> key(Context ctx) {
        Optional<String> key = Optional.ofNullable(ctx.header("Idempotency-Key"));
        if (key.isPresent() && !KEY.matcher(key.get()).matches()) {
            throw ApiProblem.badRequest("Idempotency-Key must be 1 to 200 visible ASCII characters");
        }
        return key;
    }

    /**
     * Acts once per key: {@code act} runs when the request has no key or reserves it.
     *
     * @param request what was asked, in words that differ whenever the request does (it is hashed)
     */
    Answer once(Caller caller, Optional<String> key, String request, Supplier<Answer> act) {
        if (key.isEmpty()) {
            return act.get();
        }
        String who = caller.auditName();
        String hash = Sha256.hex(request);
        IdempotencyKeys.Reservation reservation = keys.reserve(who, key.get(), hash, clock.instant());
        if (reservation instanceof IdempotencyKeys.Reservation.Answered answered) {
            return new Answer(answered.answer().status(), answered.answer().body());
        }
        if (reservation instanceof IdempotencyKeys.Reservation.OtherRequest) {
            throw new ApiProblem(422, "idempotency.key.reused",
                    "this Idempotency-Key was used for a different request; use a new key for a new request");
        }
        if (reservation instanceof IdempotencyKeys.Reservation.InProgress) {
            throw new ApiProblem(409, "idempotency.key.in.use",
                    "a request with this Idempotency-Key is still being answered; retry it with the same key in a moment");
        }
        Answer answer;
        try {
            answer = act.get();
        } catch (RuntimeException e) {
            keys.release(who, key.get());
            throw e;
        }
        keys.complete(who, key.get(), new IdempotencyKeys.Answer(hash, answer.status(), answer.body()));
        return answer;
    }
}
