package dev.unstuck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The script teams write today, done faithfully (field notes A5, A7): take page 1 of the analytics
 * query for unended conversations with an open interact segment, GET each conversation, PATCH its
 * customer leg disconnected, then disconnect the conversation; again until no new page. No guard for
 * live agents, no ordering of legs, no client-side budget; on 429 it sleeps what Retry-After says.
 * Sequential, or with a small pool of threads.
 */
final class FieldScript {
    private final URI base;
    private final String clientId;
    private final String secret;
    private final int threads;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String token;

    FieldScript(URI base, String clientId, String secret, int threads) {
        this.base = base;
        this.clientId = clientId;
        this.secret = secret;
        this.threads = threads;
    }

    /** How far a run got: the conversations it went after, and whether the time cap stopped it first. */
    record Reach(int wentAfter, boolean capped) {
    }

    /** Runs until the query shows nothing new; answers how many conversations it went after. */
    int run(Instant olderThan) throws Exception {
        return run(olderThan, Duration.ZERO).wentAfter();
    }

    /**
     * Runs until the query shows nothing new or {@code cap} has passed (zero: no cap), whichever comes
     * first; what it went after by then stays done, as when someone stops the script.
     */
    Reach run(Instant olderThan, Duration cap) throws Exception {
        token = token();
        long deadline = cap.isZero() ? Long.MAX_VALUE : System.nanoTime() + cap.toNanos();
        Set<String> seen = new HashSet<>();
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            while (true) {
                if (System.nanoTime() >= deadline) {
                    return new Reach(started.get(), true);
                }
                List<String> fresh = new ArrayList<>();
                for (JsonNode c : page(olderThan).path("conversations")) {
                    String id = c.path("conversationId").asText();
                    if (seen.add(id)) {
                        fresh.add(id);
                    }
                }
                if (fresh.isEmpty()) {
                    return new Reach(started.get(), false);
                }
                List<Future<?>> done = new ArrayList<>();
                for (String id : fresh) {
                    done.add(pool.submit(() -> {
                        if (System.nanoTime() < deadline) {
                            started.incrementAndGet();
                            end(id);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private JsonNode page(Instant olderThan) throws Exception {
        String body = """
                {"interval": "%s/%s", "order": "asc", "paging": {"pageSize": 100, "pageNumber": 1},
                 "conversationFilters": [{"type": "and", "predicates": [{"type": "dimension", "dimension": "conversationEnd", "operator": "notExists"}]}],
                 "segmentFilters": [{"type": "and", "predicates": [
                    {"type": "dimension", "dimension": "segmentType", "value": "interact"},
                    {"type": "dimension", "dimension": "segmentEnd", "operator": "notExists"}]}]}
                """.formatted(olderThan.minus(Duration.ofDays(30)), olderThan);
        return call("POST", "/api/v2/analytics/conversations/details/query", body);
    }

    private void end(String id) throws Exception {
        JsonNode conversation = call("GET", "/api/v2/conversations/messages/" + id, null);
        if (conversation == null) {
            return;
        }
        for (JsonNode p : conversation.path("participants")) {
            if (p.path("purpose").asText().equals("customer")) {
                call("PATCH", "/api/v2/conversations/messages/" + id + "/participants/" + p.path("id").asText(),
                        "{\"state\":\"disconnected\"}");
                break;
            }
        }
        call("POST", "/api/v2/conversations/" + id + "/disconnect", null);
    }

    /**
     * One call; 429 waits Retry-After and tries again; any other failure, a network error included, is
     * only logged and the conversation left, as the scripts do (A5 logs every error and goes on).
     */
    private JsonNode call(String method, String path, String body) throws Exception {
        while (true) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                System.out.println("network error on " + method + " " + path + ": " + e);
                return null;
            }
            if (response.statusCode() == 429) {
                long wait = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(45L);
                Thread.sleep(Duration.ofSeconds(Math.max(1, wait)).toMillis());
                continue;
            }
            if (response.statusCode() / 100 != 2 || response.body().isBlank()) {
                return null;
            }
            return json.readTree(response.body());
        }
    }

    private String token() throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/oauth/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new UncheckedIOException(new IOException("token refused: " + response.statusCode()));
        }
        return json.readTree(response.body()).path("access_token").asText();
    }
}
