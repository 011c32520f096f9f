package dev.unstuck.app.service;

import dev.unstuck.app.store.EndingClaims;
import dev.unstuck.app.store.IdempotencyKeys;
import dev.unstuck.app.text.UserText;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Ending requests from the API. However many callers ask to end one conversation at once, on this
 * replica or on others sharing the database, one set of Genesys calls is made: callers on this replica
 * share one future, replicas share the claim row written before acting. Every caller gets that one
 * outcome. A retried request with the same {@code Idempotency-Key} gets its first answer.
 */
final class Endings {
    private static final Logger LOG = LoggerFactory.getLogger("unstuck.serve");
    private static final Duration WAIT_FOR_OTHER_REPLICA = Duration.ofSeconds(90);
    /** How long a late caller of an ending gets its outcome instead of "already ended" (the claim row keeps it as long). */
    static final Duration KEEP_OUTCOME = Duration.ofSeconds(60);

    private final OrgRuntimes orgs;
    private final EndingClaims claims;
    private final Idempotency idempotency;
    private final Clock clock;
    private final String replica;
    private final Function<Outcome, Object> outcomeJson;
    private final Observers observers;
    private final Map<String, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();
    /** Outcomes just given, for callers arriving after the ending finished. */
    private final RecentOutcomes recent;
    private final boolean replicas;

    /**
     * @param replicas whether other replicas may share the database (PostgreSQL): then a claim row is
     *                 written before acting; with SQLite one replica holds the file, and callers sharing
     *                 one future in memory is all it takes
     */
    Endings(OrgRuntimes orgs, EndingClaims claims, IdempotencyKeys keys, Clock clock, String replica, Function<Outcome, Object> outcomeJson,
            Observers observers, boolean replicas) {
        this.replicas = replicas;
        this.orgs = orgs;
        this.claims = claims;
        this.idempotency = new Idempotency(keys, clock);
        this.clock = clock;
        this.recent = new RecentOutcomes(KEEP_OUTCOME, clock);
        this.replica = replica;
        this.outcomeJson = outcomeJson;
        this.observers = observers;
    }

    /** What the API was asked. */
    record Ask(String org, String conversationId, String reason, boolean force, boolean dryRun, Caller caller) {
    }

    /** The JSON answered (the outcome, the same shape as {@code end --json}). */
    record Answer(int status, String body) {
    }

    Answer end(Ask ask, Optional<String> idempotencyKey) {
        String request = ask.org() + "\n" + ask.conversationId() + "\n" + ask.reason() + "\n" + ask.force() + "\n" + ask.dryRun();
        Idempotency.Answer answer = idempotency.once(ask.caller(), idempotencyKey, request,
                () -> new Idempotency.Answer(200, ask.dryRun() ? plan(ask) : once(ask)));
        return new Answer(answer.status(), answer.body());
    }

    /** The keys of requests that act, for the other acting routes (sweeps) to share. */
    Idempotency idempotency() {
        return idempotency;
    }

    private String plan(Ask ask) {
        OrgRuntime org = orgs.get(ask.org());
        Outcome outcome = org.engine().end(ask.conversationId(), request(ask));
        return write(outcomeJson.apply(outcome));
    }

    private String once(Ask ask) {
        String key = ask.org() + "/" + ask.conversationId();
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> shared = inFlight.putIfAbsent(key, mine);
        if (shared != null) {
            return shared.join();
        }
        try {
            Optional<String> given = recent.get(key);
            if (given.isPresent()) {
                mine.complete(given.get());
                return given.get();
            }
            String body = replicas ? acrossReplicas(ask) : endHere(ask);
            recent.put(key, body);
            mine.complete(body);
            return body;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private String acrossReplicas(Ask ask) {
        String holder = replica + "/" + Thread.currentThread().getId();
        Instant deadline = clock.instant().plus(WAIT_FOR_OTHER_REPLICA);
        while (true) {
            EndingClaims.Attempt attempt = claims.claim(ask.org(), ask.conversationId(), holder, clock.instant());
            if (attempt instanceof EndingClaims.Finished finished) {
                return finished.outcome();
            }
            if (attempt instanceof EndingClaims.Claimed) {
                String body = endHere(ask);
                claims.finish(ask.org(), ask.conversationId(), holder, body, clock.instant());
                return body;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new ApiProblem(503, "ending.in.progress",
                        "another replica is ending this conversation and has not finished; retry with the same Idempotency-Key");
            }
            pause();
        }
    }

    /** Looks, plans, acts, verifies and records on this replica; tells the log, the metrics and the stream. */
    private String endHere(Ask ask) {
        OrgRuntime org = orgs.get(ask.org());
        Outcome outcome = org.engine().end(ask.conversationId(), request(ask));
        String body = write(outcomeJson.apply(outcome));
        try (MDC.MDCCloseable o = MDC.putCloseable("org", ask.org());
             MDC.MDCCloseable c = MDC.putCloseable("conversationId", ask.conversationId());
             MDC.MDCCloseable r = MDC.putCloseable("correlationIds", String.join(" ", outcome.correlationIds()))) {
            LOG.info("[{}] {} ended on request of {} ({}): {}", ask.org(), ask.conversationId(), ask.caller().auditName(),
                    UserText.shown(ask.reason(), 200), outcome.summary());
        }
        observers.ended(ask.org(), "api", ask.reason(), outcome);
        return body;
    }

    private static EndRequest request(Ask ask) {
        return new EndRequest(ask.force(), ask.dryRun(), ask.reason(), ask.caller().auditName());
    }

    private static void pause() {
        try {
            Thread.sleep(100); // polling another replica's claim row; it finishes within the engine's own timeouts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(503, "shutting.down", "the service is stopping; retry with the same Idempotency-Key");
        }
    }

    private static String write(Object value) {
        return ApiJson.write(value);
    }
}
