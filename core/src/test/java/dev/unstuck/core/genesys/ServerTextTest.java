package dev.unstuck.core.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a server says reaches a terminal and the audit only as harmless text. */
class ServerTextTest {

    @Test
    void terminalEscapeSequencesAndControlCharactersAreRemoved() {
        String hostile = "ok\u001B[2J\u001B[31mred\u001B[0m\u001B]0;pwned title\u0007 line\nnext\rback\u0008\u202Eevil";

        String clean = ServerText.clean(hostile);

        assertThat(clean).doesNotContain("\u001B", "\u0007", "\n", "\r", "\u0008", "\u202E", "pwned");
        assertThat(clean).isEqualTo("ok red line next back evil");
    }

    @Test
    void anEchoedBearerTokenIsRedacted() {
        String echoed = "bad header Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl was refused";

        String clean = ServerText.clean(echoed);

        assertThat(clean).doesNotContain("eyJ", "c2lnbmF0dXJl");
        assertThat(clean).contains("Bearer ***", "was refused");
    }

    @Test
    void secretsInFieldsUrlsAndBasicAuthAreRedacted() {
        String clean = ServerText.clean("{\"access_token\":\"abc123\",\"client_secret\": \"s3cret\"} password=hunter2 "
                + "postgresql://unstuck:pa55@db/x Basic aWQ6c2VjcmV0");

        assertThat(clean).doesNotContain("abc123", "s3cret", "hunter2", "pa55", "aWQ6c2VjcmV0");
        assertThat(clean).contains("unstuck:***@db", "Basic ***");
    }

    @Test
    void longTextIsCutWithAnEllipsis() {
        String clean = ServerText.clean("x".repeat(5000));

        assertThat(clean).hasSize(ServerText.MAX_LENGTH + 1).endsWith("…");
    }

    @Test
    void ordinaryGenesysMessagesPassUnchanged() {
        String message = "Unable to perform the requested action. You are missing the following permission(s): conversation:communication:disconnect";

        assertThat(ServerText.clean(message)).isEqualTo(message);
        assertThat(ServerText.clean("Ana Agent")).isEqualTo("Ana Agent");
    }

    @Test
    void aCorrelationIdThatIsNotOneIsDropped() {
        assertThat(ServerText.id("6c1f7a2e-0b1d-4d4e-9a55-2f3e0c9d8b7a")).isEqualTo("6c1f7a2e-0b1d-4d4e-9a55-2f3e0c9d8b7a");
        assertThat(ServerText.id("x\u001B[2Jy")).isEmpty();
    }
}
