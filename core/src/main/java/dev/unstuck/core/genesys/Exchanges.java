package dev.unstuck.core.genesys;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;

/**
 * How every HTTP exchange with Genesys is made: rate-limited, retried where Genesys says retrying
 * helps, recorded. Knows nothing of endpoints or tokens.
 */
final class Exchanges {

    /** One HTTP answer, read whole, with the record of its exchange (status, correlation id, time). */
    record Answer(CallRecord record, String body, Optional<String> retryAfter, String contentType, Map<String, String> rateLimit) {

        Answer {
            rateLimit = Map.copyOf(rateLimit);
        }

        /** "METHOD path", for messages. */
        String call() {
            return record.method() + " " + record.path();
        }

        int status() {
            return record.status();
        }

        Optional<String> correlationId() {
            return record.hasCorrelationId() ? Optional.of(record.correlationId()) : Optional.empty();
        }
    }

    /**
     * Far above any answer of the API subset used (an analytics page of 100 conversations is well under a
     * megabyte); an answer past it is not Genesys', and reading it on would only fill the memory.
     */
    static final long LARGEST_ANSWER = 16L * 1024 * 1024;

    /** An answer longer than {@link #LARGEST_ANSWER}; its reading was stopped. Not retried. */
    static final class AnswerTooLarge extends IOException {
        AnswerTooLarge() {
            super("the answer is larger than " + LARGEST_ANSWER / (1024 * 1024) + " MB");
        }
    }

    /** The whole answer did not come within the request timeout; the message says whether the headers did. */
    static final class AnswerTimeout extends HttpTimeoutException {
        AnswerTimeout(String message) {
            super(message);
        }
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
    private final FairBudget budget;
    private final RouteLimits routes;
    /** Set while this thread runs an act (an ending: its look, acts and verification); see {@link FairBudget}. */
    private final ThreadLocal<Boolean> acting = ThreadLocal.withInitial(() -> false);
    private final InlineScheduler scheduler;
    /** Every exchange at DEBUG (`unstuck -v`): method, path, status, time, correlation id; never a header or a body. */
    private static final org.slf4j.Logger HTTP = org.slf4j.LoggerFactory.getLogger("dev.unstuck.http");
    private final List<Consumer<CallRecord>> observers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<List<Consumer<CallRecord>>> scopedObservers = ThreadLocal.withInitial(ArrayList::new);

    Exchanges(ClientSettings settings, Sleeper sleeper, LongSupplier nanoTime) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        this.budget = new FairBudget(settings.requestsPerMinute(), settings.reservedForActsPercent(), nanoTime);
        this.routes = new RouteLimits(settings.requestsPerMinute(), nanoTime);
        this.scheduler = new InlineScheduler(sleeper);
    }

    /** Runs {@code work} with this thread's calls counted as acts, which keep their reserved share of the budget. */
    <T> T acting(Supplier<T> work) {
        if (acting.get()) {
            return work.get();
        }
        acting.set(true);
        try {
            return work.get();
        } finally {
            acting.set(false);
        }
    }

    /** The limit learned from Genesys' headers for that call's route, if one binds below the client's budget. */
    Optional<Integer> routeLimit(String method, String path) {
        return routes.limitOf(method, path);
    }

    /** Changes are acts wherever they come from; reads are acts only within {@link #acting}. */
    private FairBudget.Kind kind(String method, String path) {
        boolean change = method.equals("PATCH") || method.equals("DELETE") || path.endsWith("/disconnect");
        return change || acting.get() ? FairBudget.Kind.ACT : FairBudget.Kind.READ;
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

    /**
     * As above; {@code retryBadGateway} false answers a 502 at once (a probe records it as it came). No
     * 502 is told apart by its body: the platform's wording is not documented.
     */
    Answer send(String method, String path, Supplier<HttpRequest> request, boolean rateLimited, boolean retryBadGateway) {
        long giveUpAt = System.nanoTime() + settings.giveUpAfter().toNanos();
        AtomicBoolean maybeSent = new AtomicBoolean();
        FailsafeExecutor<Answer> failsafe = Failsafe.with(retryPolicy(retryBadGateway ? RETRIED_STATUSES : List.of(429, 503, 504), giveUpAt,
                        changes(method, path)))
                .with(scheduler);
        CompletableFuture<Answer> future = failsafe.getAsync(() -> once(method, path, request.get(), rateLimited, maybeSent));
        if (!future.isDone()) {
            future.cancel(true);
            throw new GenesysUnreachableException(method + " " + path + " was interrupted", null, maybeSent.get() && changes(method, path));
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenesysUnreachableException(method + " " + path + " was interrupted", e, maybeSent.get() && changes(method, path));
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AnswerTooLarge) {
                throw new GenesysUnexpectedAnswerException(0, method + " " + path + ": " + cause.getMessage()
                        + ": not a Genesys Cloud answer; is the region or base URL right, or a proxy in the way?", Optional.empty());
            }
            if (cause instanceof IOException io) {
                boolean unknown = maybeSent.get() && changes(method, path);
                throw new GenesysUnreachableException(Unreachable.describe(request.get().uri(), io)
                        + (unknown ? "; " + method + " " + path + " may have been applied" : ""), io, unknown);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * The exception for an error answer: status, ErrorBody, correlation id. An error status without the
     * platform's error body (a proxy's page, a host that is not Genesys) is an unexpected answer: it says
     * nothing about the resource asked for.
     */
    GenesysException failure(Answer answer) {
        Optional<ErrorBody> error = errorBody(answer);
        if (error.isEmpty()) {
            return unexpected(answer, "answered " + answer.status() + " without a Genesys error body");
        }
        ErrorBody e = error.get();
        String message = answer.call() + " answered " + answer.status() + " (" + e.code() + (e.message().isEmpty() ? "" : ": " + e.message()) + ")"
                + (answer.status() == 429 ? "; gave up: Retry-After " + retryAfter(answer).toSeconds() + " s, ceiling "
                + settings.retryAfterCeiling().toSeconds() + " s, or attempts exhausted" : "");
        return new GenesysException(answer.status(), message, error, answer.correlationId());
    }

    /** Genesys' ErrorBody or the OAuth error, cleaned; empty unless it names a code, as both always do. */
    Optional<ErrorBody> errorBody(Answer answer) {
        try {
            return ApiJson.error(json.readTree(answer.body())).filter(e -> !e.code().isEmpty());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** An answer that is not Genesys': what it looked like, and the likely fix. */
    static GenesysUnexpectedAnswerException unexpected(Answer answer, String what) {
        String excerpt = ServerText.clean(answer.body());
        if (excerpt.length() > 80) {
            excerpt = excerpt.substring(0, 80) + "…";
        }
        String type = ServerText.clean(answer.contentType());
        return new GenesysUnexpectedAnswerException(answer.status(), answer.call() + " " + what
                + (type.isEmpty() && excerpt.isEmpty() ? "" : " (" + (type.isEmpty() ? "" : type + (excerpt.isEmpty() ? "" : ": "))
                + (excerpt.isEmpty() ? "" : "\"" + excerpt + "\"") + ")")
                + ": not a Genesys Cloud answer; is the region or base URL right, or a proxy in the way?", answer.correlationId());
    }

    private Answer once(String method, String path, HttpRequest request, boolean rateLimited, AtomicBoolean maybeSent)
            throws IOException, InterruptedException {
        if (rateLimited) {
            Duration forBudget = budget.reserve(kind(method, path));
            Duration forRoute = routes.reserve(method, path);
            sleeper.sleep(forRoute.compareTo(forBudget) > 0 ? forRoute : forBudget);
        }
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = whole(http, request, settings.requestTimeout());
            if (rateLimited) {
                RouteLimits.Seen.of(response.headers().firstValue("inin-ratelimit-allowed"), response.headers().firstValue("inin-ratelimit-count"),
                        response.headers().firstValue("inin-ratelimit-reset")).ifPresent(seen -> routes.learn(method, path, seen));
            }
            Optional<String> correlationId = response.headers().firstValue(CORRELATION_HEADER).map(ServerText::id).filter(id -> !id.isEmpty());
            CallRecord record = new CallRecord(method, path, response.statusCode(), correlationId.orElse(""),
                    Duration.ofNanos(System.nanoTime() - started));
            report(record);
            return new Answer(record, response.body(), response.headers().firstValue("Retry-After"),
                    response.headers().firstValue("Content-Type").orElse(""), RateLimitHeaders.of(response.headers()));
        } catch (IOException e) {
            if (!neverSent(e)) {
                maybeSent.set(true);
            }
            report(new CallRecord(method, path, 0, "", Duration.ofNanos(System.nanoTime() - started)));
            throw e;
        }
    }

    /**
     * The answer, body included, within {@code timeout}. The request's own timeout stops at the headers,
     * so a body that stalls after them would hang the caller; this bounds the whole exchange and cancels
     * it (closing the connection) when the time is up.
     */
    static HttpResponse<String> whole(HttpClient http, HttpRequest request, Duration timeout) throws IOException, InterruptedException {
        AtomicBoolean headers = new AtomicBoolean();
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request, info -> {
            headers.set(true);
            return new BoundedBody(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), LARGEST_ANSWER);
        });
        try {
            return exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new AnswerTimeout(headers.get()
                    ? "the answer's headers came, but its body stalled: not all of it within " + seconds(timeout)
                    : "no answer within " + seconds(timeout));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException && !(e.getCause() instanceof HttpConnectTimeoutException)) {
                // The request's own timer (headers only) may fire first; say the same either way.
                throw new AnswerTimeout("no answer within " + seconds(timeout));
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Reads a body up to {@code limit} bytes, then cancels the rest and fails with {@link AnswerTooLarge}. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<String> {
        private final HttpResponse.BodySubscriber<String> whole;
        private final long limit;
        private Flow.Subscription subscription;
        private long read;
        private boolean stopped;

        BoundedBody(HttpResponse.BodySubscriber<String> whole, long limit) {
            this.whole = whole;
            this.limit = limit;
        }

        @Override
        public CompletionStage<String> getBody() {
            return whole.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            whole.onSubscribe(s);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (stopped) {
                return;
            }
            for (ByteBuffer b : items) {
                read += b.remaining();
            }
            if (read > limit) {
                stopped = true;
                subscription.cancel();
                whole.onError(new AnswerTooLarge());
                return;
            }
            whole.onNext(items);
        }

        @Override
        public void onError(Throwable failure) {
            if (!stopped) {
                whole.onError(failure);
            }
        }

        @Override
        public void onComplete() {
            if (!stopped) {
                whole.onComplete();
            }
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Failures that happen before a request leaves: connecting, resolving the host, the TLS handshake. */
    private static boolean neverSent(IOException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException || t instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    /** Calls that change something; their result is unknown when no answer came. */
    /** Whether a request may change something: not a GET or HEAD, nor a POST that only asks (an analytics query). */
    private static boolean changes(String method, String path) {
        boolean query = method.equals("POST") && path.startsWith("/api/v2/analytics/") && path.endsWith("/query");
        return !method.equals("GET") && !method.equals("HEAD") && !query;
    }

    private void report(CallRecord record) {
        if (HTTP.isDebugEnabled()) {
            HTTP.debug("{} {} -> {} in {} ms{}", record.method(), record.path(), record.status() == 0 ? "no answer" : record.status(),
                    record.took().toMillis(), record.hasCorrelationId() ? " [" + record.correlationId() + "]" : "");
        }
        for (Consumer<CallRecord> observer : observers) {
            observer.accept(record);
        }
        for (Consumer<CallRecord> observer : scopedObservers.get()) {
            observer.accept(record);
        }
    }

    /**
     * Retries what retrying helps (429, the listed 5xx, network failures) up to {@code maxAttempts};
     * network failures and 5xx only while the call is younger than {@code giveUpAfter} (deadline
     * {@code giveUpAt}), so a server that never answers fails in bounded time.
     */
    private RetryPolicy<Answer> retryPolicy(List<Integer> retried, long giveUpAt, boolean changes) {
        return RetryPolicy.<Answer>builder()
                // A change whose request may have left (no answer, a cut connection) is not sent again: Genesys may
                // have applied it, and a second PATCH would meet the first's result (409) and hide it. The engine
                // records it as unknown and looks again instead.
                .handleIf((answer, failure) -> failure instanceof IOException io && (!changes || neverSent(io)))
                .handleResultIf(answer -> retried.contains(answer.status()))
                .abortOn(AnswerTooLarge.class)
                .abortIf(answer -> answer != null && answer.status() == 429
                        && retryAfter(answer).compareTo(settings.retryAfterCeiling()) > 0)
                .abortIf((answer, failure) -> (answer == null || answer.status() != 429) && System.nanoTime() - giveUpAt >= 0)
                .withMaxAttempts(settings.maxAttempts())
                .withDelayFn(context -> delayAfter(context.getLastResult(), context.getAttemptCount(), giveUpAt))
                .build();
    }

    /**
     * 429: what Genesys asks for. Otherwise exponential back-off with equal jitter, so retries of many
     * clients spread, and never past the call's deadline.
     */
    private static Duration delayAfter(Answer last, int attempts, long giveUpAt) {
        if (last != null && last.status() == 429) {
            return retryAfter(last);
        }
        long ceiling = Math.min(LONGEST_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempts - 1, 16));
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        long left = Math.max(0, TimeUnit.NANOSECONDS.toMillis(giveUpAt - System.nanoTime()));
        return Duration.ofMillis(Math.min(delay, left));
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
