package dev.unstuck.app.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The claim a replica writes before it ends a conversation, so that concurrent requests for the same
 * conversation, on one replica or several sharing the database, make one set of Genesys calls. The
 * claim then keeps the outcome for a while, so every waiting caller answers the same. A claim whose
 * holder died (it expired unfinished) is taken over: the engine looks again before acting, so the
 * taker finishes whatever the dead holder left. These are the claims of purpose {@code request} in the one
 * claim mechanism ({@link Claims}).
 */
public final class EndingClaims {
    private final SharedConnection db;
    private final Duration lease;
    private final Duration keepOutcome;

    public EndingClaims(SharedConnection db, Duration lease, Duration keepOutcome) {
        this.db = db;
        this.lease = lease;
        this.keepOutcome = keepOutcome;
    }

    /** What trying to claim came to. */
    public sealed interface Attempt {
    }

    /** The caller holds the claim: end the conversation, then {@link #finish}. */
    public record Claimed() implements Attempt {
    }

    /** Another request is ending it now; wait for its outcome. */
    public record InProgress(String holder) implements Attempt {
    }

    /** It was ended moments ago: this is the outcome (as JSON) every caller gets. */
    public record Finished(String outcome) implements Attempt {
    }

    public Attempt claim(String org, String conversationId, String holder, Instant now) {
        Claims.Key key = new Claims.Key(org, conversationId, Claims.Purpose.REQUEST);
        Claims.Rules<Attempt> rules = new Claims.Rules<>() {
            @Override
            public Optional<Attempt> standing(Claims.Row found) {
                if (kept(found, now)) {
                    return Optional.of(new Finished(found.outcome().get()));
                }
                if (found.outcome().isEmpty() && found.expiresAt().map(at -> !at.isBefore(now)).orElse(false)) {
                    return Optional.of(new InProgress(found.holder()));
                }
                return Optional.empty();
            }

            @Override
            public Attempt takenOver(Claims.Row found) {
                return new Claimed();
            }
        };
        return db.with(c -> Claims.claim(c, key, holder, now, Optional.of(now.plus(lease)), new Claimed(), rules)
                .orElseGet(() -> new InProgress("another replica")));
    }

    /** The outcome of a claim the caller holds; answers false when the claim was lost (taken over). */
    public boolean finish(String org, String conversationId, String holder, String outcome, Instant now) {
        return db.with(c -> Claims.finish(c, new Claims.Key(org, conversationId, Claims.Purpose.REQUEST), holder, outcome, now));
    }

    /** The outcome, once the claim's holder has finished it (and while it is kept). */
    public Optional<String> outcome(String org, String conversationId, Instant now) {
        return db.with(c -> Claims.read(c, new Claims.Key(org, conversationId, Claims.Purpose.REQUEST))
                .filter(found -> kept(found, now))
                .flatMap(Claims.Row::outcome));
    }

    /** Whether the claim holds an outcome still kept for callers asking again. */
    private boolean kept(Claims.Row found, Instant now) {
        return found.outcome().isPresent() && found.finishedAt().map(at -> !at.plus(keepOutcome).isBefore(now)).orElse(false);
    }
}
