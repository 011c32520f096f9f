package dev.unstuck.core.detect;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When a guest in one queue counts as stuck. Every rule is a threshold a guest crosses; a guest that
 * crosses none is left alone.
 *
 * @param maxWait stuck: waiting in the queue (the current {@code acd} leg) longer than this
 * @param loopPasses looping: entered a queue (or a flow) this many times within {@code loopWindow} (a flow
 *                   sends the guest back again and again)
 * @param loopWindow the window {@code loopPasses} are counted in
 * @param nearCaps looping too: this share (0..1] of a platform cap reached (10 in-queue flows, 100
 *                 communications, 250 segments): at the last two Genesys ends the conversation itself, at
 *                 the first it opens no more flows and the guest waits on
 * @param orphanAfter orphaned: the customer leg is gone and a queue or flow leg has stayed this long
 * @param idleAfter idle: no message from the guest for this long, or, when the conversation lists no
 *                  messages (analytics does not), no leg joined, was answered or ended for this long (off when empty)
 * @param minAge a conversation younger than this is never touched, whatever else holds
 */
public record QueuePolicy(Duration maxWait, int loopPasses, Duration loopWindow, double nearCaps, Duration orphanAfter,
                          Optional<Duration> idleAfter, Duration minAge) {

    public QueuePolicy {
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(loopWindow, "loopWindow");
        Objects.requireNonNull(orphanAfter, "orphanAfter");
        Objects.requireNonNull(idleAfter, "idleAfter");
        Objects.requireNonNull(minAge, "minAge");
        positive(maxWait, "maxWait");
        positive(loopWindow, "loopWindow");
        idleAfter.ifPresent(d -> positive(d, "idleAfter"));
        if (orphanAfter.isNegative()) {
            throw new IllegalArgumentException("orphanAfter must not be negative");
        }
        if (minAge.isNegative()) {
            throw new IllegalArgumentException("minAge must not be negative");
        }
        if (loopPasses < 2) {
            throw new IllegalArgumentException("loopPasses must be at least 2 (one pass is just queueing)");
        }
        if (!(nearCaps > 0 && nearCaps <= 1)) {
            throw new IllegalArgumentException("nearCaps must be a share above 0 and at most 1, e.g. 0.8");
        }
    }

    /**
     * Waiting over 30 minutes; 3 queue entries within an hour, or 80% of a platform cap; customer gone
     * for 2 minutes; idle off; nothing younger than 2 minutes.
     */
    public static QueuePolicy defaults() {
        return new QueuePolicy(Duration.ofMinutes(30), 3, Duration.ofHours(1), 0.8, Duration.ofMinutes(2), Optional.empty(),
                Duration.ofMinutes(2));
    }

    public QueuePolicy withMaxWait(Duration value) {
        return new QueuePolicy(value, loopPasses, loopWindow, nearCaps, orphanAfter, idleAfter, minAge);
    }

    public QueuePolicy withLoop(int passes, Duration window) {
        return new QueuePolicy(maxWait, passes, window, nearCaps, orphanAfter, idleAfter, minAge);
    }

    public QueuePolicy withNearCaps(double share) {
        return new QueuePolicy(maxWait, loopPasses, loopWindow, share, orphanAfter, idleAfter, minAge);
    }

    public QueuePolicy withOrphanAfter(Duration value) {
        return new QueuePolicy(maxWait, loopPasses, loopWindow, nearCaps, value, idleAfter, minAge);
    }

    public QueuePolicy withIdleAfter(Optional<Duration> value) {
        return new QueuePolicy(maxWait, loopPasses, loopWindow, nearCaps, orphanAfter, value, minAge);
    }

    public QueuePolicy withMinAge(Duration value) {
        return new QueuePolicy(maxWait, loopPasses, loopWindow, nearCaps, orphanAfter, idleAfter, value);
    }

    private static void positive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than zero");
        }
    }
}
