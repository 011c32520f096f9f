package dev.unstuck.app.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency keys, with instants the test chooses, on each database (a subclass per vendor). */
abstract class IdempotencyKeysContract {
    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    AuditDatabase db;
    SharedConnection connection;
    IdempotencyKeys keys;

    @BeforeEach
    void open() throws Exception {
        db = AuditDatabase.open(freshLocation());
        connection = SharedConnection.open(db.location());
        keys = new IdempotencyKeys(connection);
    }

    /** An empty audit database of the vendor. */
    abstract AuditLocation freshLocation() throws Exception;

    @AfterEach
    void close() {
        connection.close();
        db.close();
    }

    @Test
    void aKeyAnswersItsFirstAnswerForADayAndIsForgottenAfter() {
        assertThat(keys.reserve("token:ci", "k1", "h1", T0)).isInstanceOf(IdempotencyKeys.Reservation.Reserved.class);
        keys.complete("token:ci", "k1", new IdempotencyKeys.Answer("h1", 200, "{\"outcome\":\"ended\"}"));

        assertThat(keys.reserve("token:ci", "k1", "h1", T0.plus(IdempotencyKeys.KEPT).minusSeconds(1)))
                .isEqualTo(new IdempotencyKeys.Reservation.Answered(new IdempotencyKeys.Answer("h1", 200, "{\"outcome\":\"ended\"}")));
        assertThat(keys.reserve("token:ci", "k1", "h2", T0.plusSeconds(60))).isInstanceOf(IdempotencyKeys.Reservation.OtherRequest.class);
        assertThat(keys.reserve("token:ci", "k1", "h2", T0.plus(IdempotencyKeys.KEPT).plusSeconds(1)))
                .as("a day later the key is new").isInstanceOf(IdempotencyKeys.Reservation.Reserved.class);
    }

    @Test
    void aKeyInUseIsRefusedUntilAnsweredAndALeftReservationIsTakenOver() {
        keys.reserve("token:ci", "k2", "h1", T0);

        assertThat(keys.reserve("token:ci", "k2", "h1", T0.plusSeconds(1))).isInstanceOf(IdempotencyKeys.Reservation.InProgress.class);
        assertThat(keys.reserve("token:other", "k2", "h1", T0.plusSeconds(1))).as("keys are per caller")
                .isInstanceOf(IdempotencyKeys.Reservation.Reserved.class);
        assertThat(keys.reserve("token:ci", "k2", "h1", T0.plus(IdempotencyKeys.ABANDONED).plusSeconds(1)))
                .isInstanceOf(IdempotencyKeys.Reservation.Reserved.class);
    }

    @Test
    void aReleasedKeyMayBeUsedAgain() {
        keys.reserve("token:ci", "k3", "h1", T0);
        keys.release("token:ci", "k3");

        assertThat(keys.reserve("token:ci", "k3", "h2", T0.plusSeconds(1))).isInstanceOf(IdempotencyKeys.Reservation.Reserved.class);
    }
}
