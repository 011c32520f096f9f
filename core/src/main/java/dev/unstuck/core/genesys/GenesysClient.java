package dev.unstuck.core.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.genesys.Exchanges.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The few Genesys Cloud Platform API calls unstuck makes, over {@code java.net.http}.
 *
 * <p>Every call: waits for a permit of the client-side budget ({@code requestsPerMinute}, spread
 * evenly, never more in any 60.5 seconds; see {@link CallBudget}), uses a cached client-credentials token (renewed before expiry, and once more on a 401),
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

    private final Region region;
    private final Credentials credentials;
    private final ClientSettings settings;
    private final Exchanges exchanges;
    private final TokenCache tokens;
    private final Sleeper sleeper;
    private final ObjectMapper json = new ObjectMapper();

    private GenesysClient(Region region, Credentials credentials, ClientSettings settings, Sleeper sleeper, Clock clock,
                          java.util.function.LongSupplier nanoTime) {
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.exchanges = new Exchanges(settings, sleeper, nanoTime);
        this.tokens = new TokenCache(credentials.isReadyToken() ? new ReadyToken(credentials.readyToken().get(), region)::next
                : new ClientCredentialsGrant(region, credentials, settings, exchanges)::fetch, Objects.requireNonNull(clock, "clock"));
    }

    /** A client for one org. Does no I/O: the token is fetched on the first call. */
    public static GenesysClient create(Region region, Credentials credentials, ClientSettings settings) {
        return new GenesysClient(region, credentials, settings, Sleeper.REAL, Clock.systemUTC(), System::nanoTime);
    }

    /**
     * As {@link #create(Region, Credentials, ClientSettings)}, with the waiting and the clock (token
     * expiry) supplied; tests use a sleeper that only records.
     */
    public static GenesysClient create(Region region, Credentials credentials, ClientSettings settings, Sleeper sleeper, Clock clock) {
        return new GenesysClient(region, credentials, settings, sleeper, clock, System::nanoTime);
    }

    /** As above, with the pacing's time source too (tests that move time only when they say so). */
    public static GenesysClient create(Region region, Credentials credentials, ClientSettings settings, Sleeper sleeper, Clock clock,
                                java.util.function.LongSupplier nanoTime) {
        return new GenesysClient(region, credentials, settings, sleeper, clock, nanoTime);
    }

    public Region region() {
        return region;
    }

    public String clientId() {
        return credentials.clientId();
    }

    /** Adds an observer of every HTTP exchange of this client (all threads). */
    public void onCall(Consumer<CallRecord> observer) {
        exchanges.onCall(Objects.requireNonNull(observer, "observer"));
    }

    /**
     * Runs {@code work}, reporting to {@code observer} every HTTP exchange it makes on this thread
     * (the engine collects one conversation's correlation ids this way while other threads work).
     */
    public <T> T observing(Consumer<CallRecord> observer, Supplier<T> work) {
        return exchanges.observing(Objects.requireNonNull(observer, "observer"), work);
    }

    /**
     * Runs {@code work} with this thread's calls counted as acts (an ending's look, acts and verification):
     * they keep {@code reservedForActsPercent} of the budget, which reads (inspect, scans) cannot take.
     * Changes (PATCH, DELETE, a teardown) count as acts wherever they are made.
     */
    public <T> T acting(Supplier<T> work) {
        return exchanges.acting(Objects.requireNonNull(work, "work"));
    }

    /** The per-minute limit Genesys' headers showed for a call's route, when one binds below this client's budget. */
    public Optional<Integer> learnedRouteLimit(String method, String path) {
        return exchanges.routeLimit(method, path);
    }

    // ---- the API ------------------------------------------------------------------------------

    /** {@code GET /api/v2/tokens/me}: the OAuth client behind the token and its roles. */
    public TokenInfo tokenInfo() {
        return ApiJson.tokenInfo(read(get("/api/v2/tokens/me")));
    }

    /**
     * {@link #tokenInfo()} on a token the login service hands out now, a refusal it answered earlier
     * forgotten: how a credential check sees at once that an administrator enabled the client again, and
     * acts on the grants the client holds now (a later call uses that token too). A ready token cannot be
     * renewed, so it is asked about as it is.
     */
    public TokenInfo tokenInfoOnNewToken() {
        if (!credentials.isReadyToken()) {
            tokens.renewNow();
        }
        return tokenInfo();
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

    /**
     * {@code PATCH /api/v2/conversations/messages/{id}/participants/{pid}} {@code {"state":"disconnected"}}
     * (documented 202). Answers the record of the exchange that succeeded, its status as it came; an
     * error status is a {@link GenesysException}.
     */
    public CallRecord disconnectParticipant(String conversationId, String participantId) {
        return call("PATCH", "/api/v2/conversations/messages/" + segment(conversationId) + "/participants/" + segment(participantId),
                Optional.of("{\"state\":\"disconnected\"}")).record();
    }

    /**
     * {@code POST /api/v2/conversations/{id}/disconnect} (documented 202): Genesys' full teardown, which
     * also applies the system wrap-up to legs pending wrap-up. Documented as a last resort. Answers the
     * record of the exchange that succeeded, as {@link #disconnectParticipant} does.
     */
    public CallRecord teardown(String conversationId) {
        return call("POST", "/api/v2/conversations/" + segment(conversationId) + "/disconnect", Optional.empty()).record();
    }

    /**
     * {@code POST /api/v2/analytics/conversations/details/query}, one page; a {@link GenesysException}
     * (502 or 504, after the retries) when too many conversations match. See {@link #details(DetailsQuery)}.
     */
    public DetailsPage conversationDetails(DetailsQuery query) {
        String path = "/api/v2/analytics/conversations/details/query";
        return ApiJson.detailsPage(read(call("POST", path, Optional.of(query.body(json)))));
    }

    /**
     * {@code POST /api/v2/analytics/conversations/details/query}, one page, or "too many": more
     * conversations match than the synchronous query holds (about 8,000: a smaller part, or a job, helps).
     * Judged by a 502 or 504 that outlasts the retries and by {@code totalHits} with a margin
     * ({@link DetailsAnswer}), never by the error's wording.
     */
    public DetailsAnswer details(DetailsQuery query) {
        try {
            return DetailsAnswer.of(conversationDetails(query));
        } catch (GenesysException e) {
            if (DetailsAnswer.outlastedRetries(e)) {
                return DetailsAnswer.refused(e);
            }
            throw e;
        }
    }

    /**
     * {@code POST /api/v2/analytics/queues/observations/query} for one queue's web messaging: how many
     * wait, and the detail list (at most the oldest 50 and the newest 50), who since when.
     */
    public WaitingNow waiting(String queueId) {
        return WaitingNow.of(queueId, exchange("POST", "/api/v2/analytics/queues/observations/query",
                Optional.of(WaitingNow.query(json, queueId))));
    }

    /** The asynchronous conversation detail jobs, for what the synchronous query refuses. */
    public DetailsJobs detailsJobs() {
        return new DetailsJobs(this);
    }

    /**
     * {@code GET /api/v2/routing/queues}, every page: the queues in the divisions where the client holds
     * {@code routing:queue:view}; the others are left out without a word.
     */
    public List<QueueInfo> queues() {
        return everyPage("/api/v2/routing/queues?pageSize=100&pageNumber=", ApiJson::queue);
    }

    /**
     * {@code GET /api/v2/routing/queues/divisionviews/all}, every page: "a digest of all queues in an
     * organization", whatever their division (needs {@code routing:queue:search}).
     */
    public List<QueueInfo> allQueues() {
        return everyPage("/api/v2/routing/queues/divisionviews/all?pageSize=100&pageNumber=", ApiJson::queue);
    }

    /** {@code GET /api/v2/authorization/divisions}, every page: all divisions of the org (no permission needed). */
    public List<DivisionInfo> divisions() {
        return everyPage("/api/v2/authorization/divisions?pageSize=100&pageNumber=", ApiJson::division);
    }

    private <T> List<T> everyPage(String pathBeforePageNumber, java.util.function.Function<JsonNode, T> entity) {
        List<T> all = new ArrayList<>();
        int pageCount = 1;
        for (int page = 1; page <= pageCount; page++) {
            JsonNode listing = read(get(pathBeforePageNumber + page));
            listing.path("entities").forEach(e -> all.add(entity.apply(e)));
            pageCount = listing.path("pageCount").asInt(page);
            if (listing.path("entities").isEmpty()) {
                break;
            }
        }
        return List.copyOf(all);
    }

    /**
     * {@code POST /api/v2/notifications/channels}: a new channel of this OAuth client, not yet connected
     * nor subscribed. Genesys keeps 20 channels per client and removes the oldest for a 21st, so open one
     * and reuse it rather than one per task. Its socket closes when the token that opened it expires
     * ({@code v2.system.socket_closing} about a minute before), so the channel is opened with a token
     * that has at least half its life ahead: a channel opened on that notice outlives it.
     */
    public NotificationChannel openChannel() {
        tokens.fresh();
        JsonNode channel = exchange("POST", "/api/v2/notifications/channels", Optional.empty());
        String id = channel.path("id").asText("");
        String connectUri = channel.path("connectUri").asText("");
        Optional<Instant> expires = ApiJson.instant(channel.path("expires"));
        if (id.isEmpty() || connectUri.isEmpty() || expires.isEmpty()) {
            throw new GenesysUnexpectedAnswerException(200, "the new notification channel lacks an id, connectUri or expires: "
                    + ServerText.clean(channel.toString()), Optional.empty());
        }
        try {
            return new NotificationChannel(this, id, URI.create(connectUri), expires.get(), settings.requestTimeout());
        } catch (IllegalArgumentException e) {
            throw new GenesysUnexpectedAnswerException(200, "the new notification channel's connectUri is not a URI: "
                    + ServerText.clean(connectUri), Optional.empty());
        }
    }

    // ---- plumbing -----------------------------------------------------------------------------

    /**
     * One call for the other API groups of this package (analytics, notifications): rate-limited,
     * retried, token-renewed and observed like every other; its JSON answer (empty object for none).
     */
    JsonNode exchange(String method, String path, Optional<String> body) {
        return read(call(method, path, body));
    }

    ObjectMapper json() {
        return json;
    }

    /** Waits as this client waits between attempts (tests' sleepers move the sandbox clock instead). */
    void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenesysUnreachableException("waiting for Genesys was interrupted", e);
        }
    }

    private Answer get(String path) {
        return call("GET", path, Optional.empty());
    }

    /**
     * One call whose answer is returned as it came, errors included (for {@code unstuck probe}, which
     * records shapes, and only for reads: a GET, a query, a channel of one's own). Rate-limited, retried
     * and token-renewed like every other; only "nothing answered" is thrown.
     */
    public RawAnswer raw(String method, String path, Optional<String> body) {
        URI uri = Exchanges.join(region.apiBase(), path);
        String token = tokens.current();
        Answer answer = exchanges.send(method, path, () -> apiRequest(method, uri, body, tokens.current()), true, false);
        if (answer.status() == 401) {
            tokens.renew(token);
            answer = exchanges.send(method, path, () -> apiRequest(method, uri, body, tokens.current()), true, false);
        }
        Optional<JsonNode> node;
        try {
            node = answer.body().isBlank() ? Optional.empty() : Optional.ofNullable(json.readTree(answer.body()));
        } catch (IOException e) {
            node = Optional.empty();
        }
        return new RawAnswer(answer.status(), node, answer.rateLimit());
    }

    /**
     * Empty only when Genesys itself says the resource does not exist: a 404 with its error body, to a
     * request that had a valid token. A 404 from the login service or from a host that is not Genesys
     * (a wrong region or base URL) says nothing about the resource and is thrown.
     */
    private Optional<JsonNode> getOptional(String path) {
        try {
            return Optional.of(read(get(path)));
        } catch (GenesysException e) {
            if (e.status() == 404 && !e.affectsEveryCall()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** One API call: current token, and one renewal if Genesys no longer takes it. */
    private Answer call(String method, String path, Optional<String> body) {
        URI uri = Exchanges.join(region.apiBase(), path);
        String token = tokens.current();
        Answer answer = exchanges.send(method, path, () -> apiRequest(method, uri, body, tokens.current()), true);
        if (answer.status() == 401) {
            tokens.renew(token);
            answer = exchanges.send(method, path, () -> apiRequest(method, uri, body, tokens.current()), true);
        }
        if (answer.status() >= 400) {
            throw exchanges.failure(answer);
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

    /** The JSON of a successful answer (an empty object for none); anything else is not Genesys answering. */
    private JsonNode read(Answer answer) {
        if (answer.body().isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw Exchanges.unexpected(answer, "answered " + answer.status() + " with something that is not JSON"
                    + (e instanceof com.fasterxml.jackson.core.io.JsonEOFException ? " (it ends too early)" : ""));
        }
    }

    /** One path segment, encoded (ids come from Genesys or users, so never trusted to be URL-safe). */
    static String segment(String id) {
        return URLEncoder.encode(Objects.requireNonNull(id, "id"), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
