package dev.unstuck.app.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Dashboard sessions of people signed in with Genesys Cloud: kept as hashes, ended by sign-out, idleness or age. */
class WebSessionsTest {
    private static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");

    @TempDir
    Path dir;

    private AuditDatabase db;
    private SharedConnection connection;
    private WebSessions sessions;

    @BeforeEach
    void open() throws Exception {
        db = AuditDatabase.open(AuditLocation.parse(dir.resolve("audit.db").toString()));
        connection = SharedConnection.open(db.location());
        sessions = new WebSessions(connection, Duration.ofMinutes(30), Duration.ofHours(8));
    }

    @AfterEach
    void close() {
        connection.close();
        db.close();
    }

    @Test
    void aSessionHoldsThePersonAndOnlyItsHashIsStored() {
        String id = sessions.open("acme", "u-1", "Sam Supervisor", "operator", List.of("emea"), T0);

        WebSessions.Session session = sessions.find(id, T0.plusSeconds(60)).orElseThrow();
        assertThat(session.userName()).isEqualTo("Sam Supervisor");
        assertThat(session.endDivisions()).containsExactly("emea");
        assertThat(session.csrfToken()).isNotBlank().isNotEqualTo(id);
        String stored = connection.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id_hash FROM web_session"); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(stored).isEqualTo(Sha256.hex(id)).doesNotContain(id);
    }

    @Test
    void aSessionEndsWhenSignedOutIdleOrOld() {
        String signedOut = sessions.open("acme", "u-1", "Sam", "viewer", List.of(), T0);
        assertThat(sessions.end(signedOut, T0.plusSeconds(1))).isTrue();
        assertThat(sessions.find(signedOut, T0.plusSeconds(2))).isEmpty();

        String idle = sessions.open("acme", "u-1", "Sam", "viewer", List.of(), T0);
        assertThat(sessions.find(idle, T0.plusSeconds(29 * 60))).isPresent();
        assertThat(sessions.find(idle, T0.plusSeconds(29 * 60 + 30 * 60))).as("30 minutes after the last request").isEmpty();

        String busy = sessions.open("acme", "u-1", "Sam", "viewer", List.of(), T0);
        for (int minute = 20; minute < 8 * 60; minute += 20) {
            assertThat(sessions.find(busy, T0.plusSeconds(minute * 60L))).as("minute " + minute).isPresent();
        }
        assertThat(sessions.find(busy, T0.plus(Duration.ofHours(8)))).as("eight hours after sign-in, however busy").isEmpty();
    }

    @Test
    void anIdThatIsNotASessionIsNeverLookedUp() {
        assertThat(sessions.find("ust_not-a-session", T0)).isEmpty();
        assertThat(sessions.end("", T0)).isFalse();
    }
}
