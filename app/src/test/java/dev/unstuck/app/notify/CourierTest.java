package dev.unstuck.app.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.app.config.NotifySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CourierTest {
    private static final String SECRET = "0123456789abcdef-test-secret";
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Courier.Backoff QUICK = new Courier.Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 4);

    private final Receiver receiver = new Receiver();
    private final Courier courier = new Courier(Clock.fixed(NOW, ZoneOffset.UTC), QUICK, "serve@test");

    @AfterEach
    void close() {
        courier.close();
        receiver.close();
    }

    private NotifySettings.Target webhook() {
        return new NotifySettings.Target("oncall", NotifySettings.Kind.WEBHOOK, receiver.url("/hook"), Optional.of(SECRET));
    }

    private static Alert firing() {
        return new Alert(Condition.ENDINGS_FAILING, Alert.State.FIRING, "prod", "", "5 endings failed in the last 10m", NOW, NOW);
    }

    @Test
    void signsWebhookMessagesSoTheDocumentedRecipeVerifiesThem() throws Exception {
        Courier.Receipt receipt = courier.send(webhook(), firing()).join();

        assertThat(receipt.delivered()).isTrue();
        Receiver.Received message = receiver.received().get(0);
        // The recipe of docs/service.md, written out here rather than through Signature: HMAC-SHA256 keyed with
        // the secret over "<X-Unstuck-Timestamp>.<raw body>", hex, after "v1=".
        String timestamp = message.header("X-Unstuck-Timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(message.body()));
        assertThat(message.header("X-Unstuck-Signature")).isEqualTo(expected);
        assertThat(Long.parseLong(timestamp)).isEqualTo(NOW.getEpochSecond());
        JsonNode body = message.json();
        assertThat(body.path("id").asText()).isEqualTo(message.header("X-Unstuck-Delivery")).isEqualTo(receipt.deliveryId());
        assertThat(body.path("status").asText()).isEqualTo("firing");
        assertThat(body.path("condition").asText()).isEqualTo("endings-failing");
        assertThat(body.path("org").asText()).isEqualTo("prod");
        assertThat(new String(message.body(), StandardCharsets.UTF_8)).doesNotContain(SECRET);
    }

    @Test
    void aReplayedLateOrAlteredMessageFailsTheRecipe() {
        courier.send(webhook(), firing()).join();
        Receiver.Received message = receiver.received().get(0);
        long timestamp = Long.parseLong(message.header("X-Unstuck-Timestamp"));
        String signature = message.header("X-Unstuck-Signature");
        Signature recipe = new Signature(SECRET);

        assertThat(recipe.verify(signature, timestamp, message.body(), NOW.plusSeconds(30))).isTrue();
        assertThat(recipe.verify(signature, timestamp, message.body(), NOW.plus(Signature.TOLERANCE).plusSeconds(1))).isFalse();
        byte[] altered = new String(message.body(), StandardCharsets.UTF_8).replace("firing", "resolved").getBytes(StandardCharsets.UTF_8);
        assertThat(recipe.verify(signature, timestamp, altered, NOW)).isFalse();
        assertThat(recipe.verify(signature, timestamp + 1, message.body(), NOW)).isFalse();
        assertThat(new Signature("another-secret-of-16").verify(signature, timestamp, message.body(), NOW)).isFalse();
    }

    @Test
    void retriesWhileTheReceiverAnswersServerErrorsAndKeepsTheDeliveryId() {
        receiver.answering(503, 500, 429);

        Courier.Receipt receipt = courier.send(webhook(), firing()).join();

        assertThat(receipt.delivered()).isTrue();
        assertThat(receipt.attempts()).isEqualTo(4);
        assertThat(receiver.received()).hasSize(4)
                .allSatisfy(r -> assertThat(r.header("X-Unstuck-Delivery")).isEqualTo(receipt.deliveryId()));
    }

    @Test
    void givesUpAfterItsTriesAndSaysWhyWithoutTheUrl() {
        receiver.answering(500, 500, 500, 500, 500);

        Courier.Receipt receipt = courier.send(webhook(), firing()).join();

        assertThat(receipt.delivered()).isFalse();
        assertThat(receipt.attempts()).isEqualTo(QUICK.attempts());
        assertThat(receipt.status()).isEqualTo(500);
        assertThat(receipt.problem()).contains("answered 500");
    }

    @Test
    void doesNotRetryWhatTheReceiverRefuses() {
        receiver.answering(400);

        Courier.Receipt receipt = courier.send(webhook(), firing()).join();

        assertThat(receipt.delivered()).isFalse();
        assertThat(receipt.attempts()).isEqualTo(1);
    }

    @Test
    void speaksSlackAndTeamsIncomingWebhookFormats() {
        courier.send(new NotifySettings.Target("chat", NotifySettings.Kind.SLACK, receiver.url("/slack"), Optional.empty()), firing()).join();
        courier.send(new NotifySettings.Target("teams", NotifySettings.Kind.TEAMS, receiver.url("/teams"), Optional.empty()), firing()).join();

        JsonNode slack = receiver.received().get(0).json();
        assertThat(slack.path("text").asText()).contains("prod: endings failing").contains("5 endings failed in the last 10m");
        assertThat(receiver.received().get(0).header("X-Unstuck-Signature")).isNull();
        JsonNode teams = receiver.received().get(1).json();
        assertThat(teams.path("type").asText()).isEqualTo("message");
        JsonNode card = teams.path("attachments").get(0);
        assertThat(card.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(card.path("content").path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("content").path("body").get(0).path("text").asText()).contains("prod: endings failing");
    }
}
