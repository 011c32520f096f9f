package dev.unstuck.core.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import dev.unstuck.core.engine.Conversation;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The few Genesys Cloud Platform API calls unstuck makes, over {@code java.net.http}.
 *
 * <p>Every call: waits for a permit of the client-side rate limiter ({@code requestsPerMinute},
 * smooth), uses a cached client-credentials token (renewed before expiry, and once more on a 401),
 * and rides out 429 (honouring {@code Retry-After} up to {@code retryAfterCeiling}), 502/503/504 and
 * network errors with jittered back-off, up to {@code maxAttempts}. 400/403/404/409 are never retried.
 * Every HTTP exchange is reported as a {@link CallRecord}.
 *
 * <p>Failures are {@link GenesysException}s (status, ErrorBody, correlation id); when nothing answered,
 * a {@link GenesysUnreachableException} (status 0) whose message says which host and why.
 *
 * <p>Thread-safe; calls are synchronous and run on the caller's thread.
 */
public final class GenesysClient {

    private static final String CORRELATION_HEADER = "ININ-Correlation-ID";
    private static final List<Integer> RETRIED_STATUSES = List.of(429, 502, 503, 504);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);
    private static final Duration RETRY_AFTER_WHEN_MISSING = Duration.ofSeconds(3);

    private final Region region;
    private final Credentials credentials;
    private final ClientSettings settings;
    private final Sleeper sleeper;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final RateLimiter<Object> rateLimiter;
    private final FailsafeExecutor<Answer> failsafe;
    private final TokenCache tokens;
    private final List<Consumer<CallRecord>> observers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<List<Consumer<CallRecord>>> scopedObservers = ThreadLocal.withInitial(ArrayList::new);

    private GenesysClient(Region region, Credentials credentials, ClientSettings settings, Sleeper sleeper, Clock clock) {
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
        this.rateLimiter = RateLimiter.smoothBuilder(settings.requestsPerMinute(), Duration.ofMinutes(1)).build();
        this.failsafe = Failsafe.with(retryPolicy()).with(new InlineScheduler(sleeper));
        this.tokens = new TokenCache(this::fetchToken, Objects.requireNonNull(clock, "clock"));
    }

    /** A client for one org. Does no I/O: the token is fetched on the first call. */
    public static GenesysClient create(Region region, Credentials credentials, ClientSettings settings) {
        return new GenesysClient(region, credentials, settings, Sleeper.REAL, Clock.systemUTC());
    }

    /**
     * As {@link #create(Region, Credentials, ClientSettings)}, with the waiting and the clock (token
     * expiry) supplied; tests use a sleeper that only records.
     */
    public static GenesysClient create(Region region, Credentials credentials, ClientSettings settings, Sleeper sleeper, Clock clock) {
        return new GenesysClient(region, credentials, settings, sleeper, clock);
    }

    public Region region() {
        return region;
    }

    public String clientId() {
        return credentials.clientId();
    }

    /** Adds an observer of every HTTP exchange of this client (all threads). */
    public void onCall(Consumer<CallRecord> observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    /**
     * Runs {@code work}, reporting to {@code observer} every HTTP exchange it makes on this thread
     * (the engine collects one conversation's correlation ids this way while other threads work).
     */
    public <T> T observing(Consumer<CallRecord> observer, Supplier<T> work) {
        List<Consumer<CallRecord>> scoped = scopedObservers.get();
        scoped.add(observer);
        try {
            return work.get();
        } finally {
            scoped.remove(scoped.size() - 1);
        }
    }

    // ---- the API ------------------------------------------------------------------------------

    /** {@code GET /api/v2/tokens/me}: the OAuth client behind the token and its roles. */
    public TokenInfo tokenInfo() {
        return ApiJson.tokenInfo(read(get("/api/v2/tokens/me")));
    }

    /** {@code GET /api/v2/oauth/clients/{id}} (needs {@code oauth:client:view}); empty on 404. */
    public Optional<OAuthClientInfo> oauthClient(String id) {
        return getOptional("/api/v2/oauth/clients/" + segment(id)).map(ApiJson::oauthClient);
    }

    /** {@code GET /api/v2/authorization/roles/{id}} (needs {@code authorization:role:view}); empty on 404. */
    public Optional<RoleInfo> role(String id) {
        return getOptional("/api/v2/authorization/roles/" + segment(id)).map(ApiJson::role);
    }

    /** {@code GET /api/v2/conversations/messages/{id}}; empty on 404. */
    public Optional<Conversation> conversation(String id) {
        return getOptional("/api/v2/conversations/messages/" + segment(id)).map(ApiJson::conversation);
    }

    /** {@code PATCH /api/v2/conversations/messages/{id}/participants/{pid}} {@code {"state":"disconnected"}} (202). */
    public void disconnectParticipant(String conversationId, String participantId) {
        call("PATCH", "/api/v2/conversations/messages/" + segment(conversationId) + "/participants/" + segment(participantId),
                Optional.of("{\"state\":\"disconnected\"}"));
    }

    /**
     * {@code POST /api/v2/conversations/{id}/disconnect} (202): Genesys' full teardown, which also
     * applies the system wrap-up to legs pending wrap-up. Documented as a last resort.
     */
    public void teardown(String conversationId) {
        call("POST", "/api/v2/conversations/" + segment(conversationId) + "/disconnect", Optional.empty());
    }

    /** {@code GET /api/v2/routing/queues}, every page. */
    public List<QueueInfo> queues() {
        List<QueueInfo> queues = new ArrayList<>();
        int pageCount = 1;
        for (int page = 1; page <= pageCount; page++) {
            JsonNode listing = read(get("/api/v2/routing/queues?pageSize=100&pageNumber=" + page));
            listing.path("entities").forEach(q -> queues.add(ApiJson.queue(q)));
            pageCount = listing.path("pageCount").asInt(page);
            if (listing.path("entities").isEmpty()) {
                break;
            }
        }
        return List.copyOf(queues);
    }

    // ---- plumbing -----------------------------------------------------------------------------

    /** One HTTP answer, read whole. */
    private record Answer(int status, String body, Optional<String> correlationId, Optional<String> retryAfter) {
    }

    private Answer get(String path) {
        return call("GET", path, Optional.empty());
    }

    private Optional<JsonNode> getOptional(String path) {
        try {
            return Optional.of(read(get(path)));
        } catch (GenesysException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Answer call(String method, String path, Optional<String> body) {
        URI uri = URI.create(region.apiBase() + path);
        String token = tokens.current();
        Answer answer = withRetries(method, path, () -> apiRequest(method, uri, body, tokens.current()), true);
        if (answer.status() == 401) {
            tokens.renew(token);
            answer = withRetries(method, path, () -> apiRequest(method, uri, body, tokens.current()), true);
        }
        if (answer.status() >= 400) {
            throw failure(method, path, answer);
        }
        return answer;
    }

    private HttpRequest apiRequest(String method, URI uri, Optional<String> body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body.isPresent()) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.get()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return request.build();
    }

    private TokenCache.Token fetchToken() {
        String path = "/oauth/token";
        URI uri = URI.create(region.loginBase() + path);
        String basic = Base64.getEncoder().encodeToString(
                (credentials.clientId() + ":" + credentials.clientSecret()).getBytes(StandardCharsets.UTF_8));
        Supplier<HttpRequest> request = () -> HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        Answer answer = withRetries("POST", path, request, false);
        if (answer.status() >= 400) {
            GenesysException cause = failure("POST", path, answer);
            throw new GenesysException(answer.status(),
                    "cannot get a token for OAuth client " + credentials.clientId() + " from " + region.loginBase()
                            + ": " + cause.error().map(e -> e.code() + (e.message().isEmpty() ? "" : " (" + e.message() + ")"))
                            .orElse("HTTP " + answer.status()),
                    cause.error(), answer.correlationId());
        }
        JsonNode node = read(answer);
        String token = node.path("access_token").asText("");
        if (token.isEmpty()) {
            throw new GenesysException(answer.status(), "the token answer of " + region.loginBase() + " has no access_token",
                    Optional.empty(), answer.correlationId());
        }
        return new TokenCache.Token(token, Duration.ofSeconds(node.path("expires_in").asLong(86_399)));
    }

    private Answer withRetries(String method, String path, Supplier<HttpRequest> request, boolean rateLimited) {
        CompletableFuture<Answer> future = failsafe.getAsync(() -> once(method, path, request.get(), rateLimited));
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
                throw new GenesysUnreachableException(Unreachable.describe(region.apiBase(), request.get().uri(), io), io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    private Answer once(String method, String path, HttpRequest request, boolean rateLimited) throws IOException, InterruptedException {
        if (rateLimited) {
            sleeper.sleep(rateLimiter.reservePermit());
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

    private RetryPolicy<Answer> retryPolicy() {
        return RetryPolicy.<Answer>builder()
                .handle(IOException.class)
                .handleResultIf(answer -> RETRIED_STATUSES.contains(answer.status()))
                .abortIf(answer -> answer != null && answer.status() == 429
                        && retryAfter(answer).compareTo(settings.retryAfterCeiling()) > 0)
                .withMaxAttempts(settings.maxAttempts())
                .withDelayFn(context -> delayAfter(context.getLastResult(), context.getAttemptCount()))
                .build();
    }

    /** 429: what Genesys asks for. Otherwise exponential back-off with equal jitter, so retries of many clients spread. */
    private Duration delayAfter(Answer last, int attempts) {
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

    private GenesysException failure(String method, String path, Answer answer) {
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

    private JsonNode read(Answer answer) {
        try {
            return answer.body().isBlank() ? json.createObjectNode() : json.readTree(answer.body());
        } catch (IOException e) {
            throw new GenesysException(answer.status(), "Genesys answered something that is not JSON", Optional.empty(), answer.correlationId());
        }
    }

    private static String segment(String id) {
        return URLEncoder.encode(Objects.requireNonNull(id, "id"), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
