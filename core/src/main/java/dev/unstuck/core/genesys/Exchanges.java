package dev.unstuck.core.genesys;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How every HTTP exchange with Genesys is made: rate-limited, retried where Genesys says retrying
 * helps, recorded. Knows nothing of endpoints or tokens.
 */
final class Exchanges {

    /** One HTTP answer, read whole. */
    record Answer(int status, String body, Optional<String> correlationId, Optional<String> retryAfter) {
    }

    private static final String CORRELATION_HEADER = "ININ-Correlation-ID";
    private static final List<Integer> RETRIED_STATUSES = List.of(429, 502, 503, 504);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);
    private static final Duration RETRY_AFTER_WHEN_MISSING = Duration.ofSeconds(3);

    private final ClientSettings settings;
    private final Sleeper sleeper;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final CallBudget budget;
    private final FailsafeExecutor<Answer> failsafe;
    private final FailsafeExecutor<Answer> failsafeButBadGateway;
    private final List<Consumer<CallRecord>> observers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<List<Consumer<CallRecord>>> scopedObservers = ThreadLocal.withInitial(ArrayList::new);

    Exchanges(ClientSettings settings, Sleeper sleeper) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
        this.budget = new CallBudget(settings.requestsPerMinute(), System::nanoTime);
        this.failsafe = Failsafe.with(retryPolicy(RETRIED_STATUSES)).with(new InlineScheduler(sleeper));
        this.failsafeButBadGateway = Failsafe.with(retryPolicy(List.of(429, 503, 504))).with(new InlineScheduler(sleeper));
    }

    void onCall(Consumer<CallRecord> observer) {
        observers.add(observer);
    }

    <T> T observing(Consumer<CallRecord> observer, Supplier<T> work) {
        List<Consumer<CallRecord>> scoped = scopedObservers.get();
        scoped.add(observer);
        try {
            return work.get();
        } finally {
            scoped.remove(scoped.size() - 1);
        }
    }

    /**
     * Sends {@code request} (built afresh per attempt) until it succeeds, fails for good or attempts
     * run out; answers the last answer, whatever its status.
     *
     * @param rateLimited whether each attempt takes a permit of the client-side budget
     * @throws GenesysUnreachableException when the last attempt got no answer at all
     */
    Answer send(String method, String path, Supplier<HttpRequest> request, boolean rateLimited) {
        return send(method, path, request, rateLimited, true);
    }

    /** As above; {@code retryBadGateway} false answers a 502 at once (it means "too much" for some calls). */
    Answer send(String method, String path, Supplier<HttpRequest> request, boolean rateLimited, boolean retryBadGateway) {
        CompletableFuture<Answer> future = (retryBadGateway ? failsafe : failsafeButBadGateway).getAsync(() -> once(method, path, request.get(), rateLimited));
        if (!future.isDone()) {
            future.cancel(true);
            throw new GenesysUnreachableException(method + " " + path + " was interrupted", null);
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenesysUnreachableException(method + " " + path + " was interrupted", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new GenesysUnreachableException(Unreachable.describe(request.get().uri(), io), io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** The exception for an error answer: status, ErrorBody when there is one, correlation id. */
    GenesysException failure(String method, String path, Answer answer) {
        Optional<ErrorBody> error = Optional.empty();
        try {
            error = ApiJson.error(json.readTree(answer.body()));
        } catch (IOException | RuntimeException e) {
            // Not JSON (a proxy's HTML page): the status alone has to do.
        }
        String detail = error.map(e -> (e.code().isEmpty() ? "" : e.code() + ": ") + e.message()).orElse("no error body");
        String message = method + " " + path + " answered " + answer.status() + " (" + detail + ")"
                + (answer.status() == 429 ? "; gave up: Retry-After " + retryAfter(answer).toSeconds() + " s, ceiling "
                + settings.retryAfterCeiling().toSeconds() + " s, or attempts exhausted" : "");
        return new GenesysException(answer.status(), message, error, answer.correlationId());
    }

    private Answer once(String method, String path, HttpRequest request, boolean rateLimited) throws IOException, InterruptedException {
        if (rateLimited) {
            sleeper.sleep(budget.reserve());
        }
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Optional<String> correlationId = response.headers().firstValue(CORRELATION_HEADER);
            report(new CallRecord(method, path, response.statusCode(), correlationId.orElse(""), Duration.ofNanos(System.nanoTime() - started)));
            return new Answer(response.statusCode(), response.body(), correlationId, response.headers().firstValue("Retry-After"));
        } catch (IOException e) {
            report(new CallRecord(method, path, 0, "", Duration.ofNanos(System.nanoTime() - started)));
            throw e;
        }
    }

    private void report(CallRecord record) {
        for (Consumer<CallRecord> observer : observers) {
            observer.accept(record);
        }
        for (Consumer<CallRecord> observer : scopedObservers.get()) {
            observer.accept(record);
        }
    }

    private RetryPolicy<Answer> retryPolicy(List<Integer> retried) {
        return RetryPolicy.<Answer>builder()
                .handle(IOException.class)
                .handleResultIf(answer -> retried.contains(answer.status()))
                .abortIf(answer -> answer != null && answer.status() == 429
                        && retryAfter(answer).compareTo(settings.retryAfterCeiling()) > 0)
                .withMaxAttempts(settings.maxAttempts())
                .withDelayFn(context -> delayAfter(context.getLastResult(), context.getAttemptCount()))
                .build();
    }

    /** 429: what Genesys asks for. Otherwise exponential back-off with equal jitter, so retries of many clients spread. */
    private static Duration delayAfter(Answer last, int attempts) {
        if (last != null && last.status() == 429) {
            return retryAfter(last);
        }
        long ceiling = Math.min(LONGEST_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempts - 1, 16));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    private static Duration retryAfter(Answer answer) {
        try {
            return answer.retryAfter().map(String::trim).map(Long::parseLong).map(Duration::ofSeconds).orElse(RETRY_AFTER_WHEN_MISSING);
        } catch (NumberFormatException e) {
            return RETRY_AFTER_WHEN_MISSING;
        }
    }

    static URI join(URI base, String path) {
        return URI.create(base + path);
    }
}
