package dev.unstuck.app.notify;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.unstuck.app.DaemonThreads;
import dev.unstuck.app.config.NotifySettings;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes messages to their targets, off the caller's thread, retrying with back-off while the target
 * answers 5xx or 429 or cannot be reached: a receiver's restart must not lose the alert that says
 * endings fail. A retry keeps the delivery id (so a receiver can drop what it already handled) and is
 * signed anew (so its timestamp stays fresh). Never logs or returns a target's URL: Slack's and Teams'
 * carry their secret in the path.
 */
public final class Courier implements AutoCloseable {

    /** How retries are spaced: {@code first}, doubling to {@code longest}, at most {@code attempts} tries in all. */
    public record Backoff(Duration first, Duration longest, int attempts) {
        /** About four minutes of trying: long enough for a receiver to restart. */
        public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1), 8);
    }

    /**
     * How a message fared.
     *
     * @param status the last HTTP status, 0 when none came
     * @param problem why it was not delivered, empty when it was
     */
    public record Receipt(String target, String deliveryId, boolean delivered, int attempts, int status, Optional<String> problem) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final Clock clock;
    private final Backoff backoff;
    private final String source;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("notify-courier"));

    /** @param source who sends, as the message says (e.g. {@code serve@host}) */
    public Courier(Clock clock, Backoff backoff, String source) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.clock = clock;
        this.backoff = backoff;
        this.source = source;
    }

    public CompletableFuture<Receipt> send(NotifySettings.Target target, Alert alert) {
        String deliveryId = UUID.randomUUID().toString();
        byte[] body = Payload.of(target.kind(), deliveryId, alert, source);
        AtomicInteger attempts = new AtomicInteger();
        RetryPolicy<HttpResponse<Void>> retry = RetryPolicy.<HttpResponse<Void>>builder()
                .handle(IOException.class)
                .handleResultIf(r -> r.statusCode() >= 500 || r.statusCode() == 429)
                .withBackoff(backoff.first(), backoff.longest().compareTo(backoff.first()) > 0 ? backoff.longest() : backoff.first().plusMillis(1))
                .withMaxAttempts(backoff.attempts())
                .build();
        return Failsafe.with(retry).with(scheduler)
                .getStageAsync(() -> {
                    attempts.incrementAndGet();
                    return http.sendAsync(request(target, deliveryId, body), HttpResponse.BodyHandlers.discarding());
                })
                .handle((response, failure) -> receipt(target, deliveryId, attempts.get(), response, failure));
    }

    private HttpRequest request(NotifySettings.Target target, String deliveryId, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "unstuck")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (target.kind() == NotifySettings.Kind.WEBHOOK) {
            long now = clock.instant().getEpochSecond();
            request.header(Signature.DELIVERY_HEADER, deliveryId)
                    .header(Signature.TIMESTAMP_HEADER, Long.toString(now))
                    .header(Signature.HEADER, new Signature(target.secret().orElseThrow()).sign(now, body));
        }
        return request.build();
    }

    private static Receipt receipt(NotifySettings.Target target, String deliveryId, int attempts, HttpResponse<Void> response,
                                   Throwable failure) {
        if (failure != null) {
            Throwable cause = failure.getCause() != null && failure instanceof java.util.concurrent.CompletionException
                    ? failure.getCause() : failure;
            return new Receipt(target.name(), deliveryId, false, attempts, 0,
                    Optional.of("not reachable: " + cause.getClass().getSimpleName()));
        }
        int status = response.statusCode();
        boolean delivered = status >= 200 && status < 300;
        return new Receipt(target.name(), deliveryId, delivered, attempts, status,
                delivered ? Optional.empty() : Optional.of("answered " + status));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
