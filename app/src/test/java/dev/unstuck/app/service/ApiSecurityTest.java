package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The API tried as an attacker would (issue 22's security findings), over real HTTP on a sandbox org. */
class ApiSecurityTest {
    @RegisterExtension
    static final ServiceFixture fx = ServiceFixture.service();

    private String endPath(String label) {
        return "/api/v1/orgs/acme/conversations/" + fx.guest(label).id() + "/end";
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return fx.http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.service.port() + path));
    }

    @Test
    void refusesABodyWithAKeyWrittenTwiceInsteadOfTakingTheLastOne() {
        ServiceFixture.Answer answer = fx.post(endPath("waiting"), fx.operator, "{\"reason\":\"INC-1\",\"dryRun\":true,\"dryRun\":false}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().path("message").asText()).contains("dryRun");
        assertThat(fx.control.ended("waiting")).isFalse();
    }

    @Test
    void refusesContentAfterTheJsonObject() {
        ServiceFixture.Answer answer = fx.post(endPath("waiting"), fx.operator, "{\"reason\":\"INC-1\",\"dryRun\":true} {\"dryRun\":false}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(fx.control.ended("waiting")).isFalse();
    }

    @Test
    void takesOnlyTheJsonMediaTypeAlsoForChunkedBodies() {
        byte[] body = "{\"reason\":\"INC-1\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = send(request(endPath("waiting")).header("Authorization", "Bearer " + fx.operator)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        ServiceFixture.Answer jsonx = fx.call("POST", endPath("waiting"), Optional.of(fx.operator), Optional.of("{\"reason\":\"INC-1\"}"),
                Map.of("Content-Type", "application/jsonx"));
        ServiceFixture.Answer charset = fx.call("POST", endPath("waiting2"), Optional.of(fx.operator), Optional.of("{\"reason\":\"INC-1\"}"),
                Map.of("Content-Type", "application/json; charset=utf-8"));

        byte[] large = ("{\"reason\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> tooLarge = send(request(endPath("waiting")).header("Authorization", "Bearer " + fx.operator)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large))));

        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(415);
        assertThat(jsonx.status()).as(jsonx.body()).isEqualTo(415);
        assertThat(fx.control.ended("waiting")).isFalse();
        assertThat(charset.status()).as(charset.body()).isEqualTo(200);
        assertThat(fx.control.ended("waiting2")).isTrue();
    }

    @Test
    void answersAreNeitherStoredNorSniffedTheNewTokenIncluded() {
        HttpResponse<String> read = send(request("/api/v1/orgs").header("Authorization", "Bearer " + fx.viewer).GET());
        HttpResponse<String> refused = send(request("/api/v1/orgs").GET());
        HttpResponse<String> created = send(request("/api/v1/tokens").header("Authorization", "Bearer " + fx.admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ci\",\"role\":\"viewer\"}")));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(List.of(read, refused, created)).allSatisfy(answer -> {
            assertThat(answer.headers().firstValue("Cache-Control")).as(answer.uri().toString()).contains("no-store");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        });
    }

    @Test
    void refusesARequestWithTwoAuthorizationHeaders() {
        HttpResponse<String> answer = send(request("/api/v1/tokens").header("Authorization", "Bearer " + fx.viewer)
                .header("Authorization", "Bearer " + fx.admin).GET());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    }

    @Test
    void refusesDatesOutsideTheAuditsYearsWith400() {
        List<String> paths = List.of("/api/v1/audit?since=%2B1000000000-01-01T00:00:00Z", "/api/v1/audit?until=-999999999-01-01T00:00:00Z",
                "/api/v1/report?org=acme&since=%2B1000000000-01-01T00:00:00Z", "/api/v1/report?org=acme&since=99999999999999d",
                "/api/v1/report?org=acme&since=999999999999999999999999d", "/api/v1/report?org=acme&since=1d&until=%2B999999-01-01T00:00:00Z");

        for (String path : paths) {
            ServiceFixture.Answer answer = fx.get(path, fx.viewer);
            assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.json().path("code").asText()).isEqualTo("bad.request");
        }
    }

    @Test
    void aCallerLoopingOnInspectGets429WithRetryAfterAndOthersAreNotSlowed() throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i <= CallerLimits.DEFAULT_PER_MINUTE; i++) {
            answers.add(send(request("/api/v1/orgs/acme/conversations/not-a-uuid").header("Authorization", "Bearer " + fx.viewer).GET()));
        }
        ServiceFixture.Answer other = fx.get("/api/v1/orgs/acme/conversations/" + fx.guest("waiting").id(), fx.operator);

        assertThat(answers.subList(0, CallerLimits.DEFAULT_PER_MINUTE)).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(400));
        HttpResponse<String> last = answers.get(CallerLimits.DEFAULT_PER_MINUTE);
        assertThat(last.statusCode()).as(last.body()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L)).isBetween(1L, 60L);
        assertThat(fx.JSON.readTree(last.body()).path("code").asText()).isEqualTo("too.many.requests");
        assertThat(other.status()).as(other.body()).isEqualTo(200);
    }

    @Test
    void aLateCallerOfAnEndingGetsItsOutcomeNotAlreadyEnded() {
        ServiceFixture.Answer first = fx.post(endPath("waiting"), fx.operator, "{\"reason\":\"INC-5\"}");
        fx.control.clearRequests();
        ServiceFixture.Answer late = fx.post(endPath("waiting"), fx.admin, "{\"reason\":\"INC-5\"}");

        assertThat(first.json().path("outcome").asText()).isEqualTo("ended");
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.body()).isEqualTo(first.body());
        assertThat(fx.control.requests()).noneMatch(r -> r.method().equals("PATCH"));
    }

    @Test
    void aDryRunSweepSaysItWasADryRunEvenWithNothingToEnd() {
        fx.post(endPath("waiting"), fx.operator, "{\"reason\":\"INC-6\"}");
        fx.post(endPath("waiting2"), fx.operator, "{\"reason\":\"INC-6\"}");
        ServiceFixture.Answer started = fx.post("/api/v1/orgs/acme/sweeps", fx.operator, "{\"dryRun\": true}");
        String id = started.json().path("id").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> !fx.get("/api/v1/orgs/acme/sweeps/" + id, fx.viewer).json()
                .path("state").asText().equals("running"));

        JsonNode sweep = fx.get("/api/v1/orgs/acme/sweeps/" + id, fx.viewer).json();
        assertThat(sweep.path("dryRun").asBoolean()).isTrue();
        assertThat(sweep.path("report").path("dryRun").asBoolean()).as(sweep.toString()).isTrue();
    }

    @Test
    void aPageFragmentIsNotServedThroughAnEmptyPathSegment() {
        for (String path : List.of("/ui/pages/now.html", "/ui//pages/now.html", "/ui/./pages/now.html", "/ui/js/../pages/now.html")) {
            HttpResponse<String> answer = send(request(path).GET());
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
        }
    }

    /** A raw HTTP/1.1 exchange, for requests a client library will not send; answers the status line's code and the body. */
    private Map.Entry<Integer, String> raw(String head) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", fx.service.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            String headers = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
            assertThat(headers).as(answer).contains("content-type: application/json");
            return Map.entry(status, answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
    }

    @Test
    void jettysOwnRefusalsComeInTheDocumentedErrorShape() throws Exception {
        List<Map.Entry<Integer, String>> answers = List.of(
                raw("GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                raw("GET /api/v1/orgs?" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                raw("GET /api/v1/orgs HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(70_000) + "\r\nConnection: close\r\n\r\n"));

        assertThat(answers).extracting(Map.Entry::getKey).containsExactly(400, 414, 431);
        for (Map.Entry<Integer, String> answer : answers) {
            JsonNode body = fx.JSON.readTree(answer.getValue());
            assertThat(body.path("status").asInt()).isEqualTo(answer.getKey());
            assertThat(body.path("code").asText()).isNotBlank();
            assertThat(body.path("message").asText()).isNotBlank();
            assertThat(body.path("requestId").asText()).isNotBlank();
        }
    }

    @Test
    void aRevokedTokensEventStreamEndsInsteadOfReceivingTheNextEvent() throws Exception {
        String token = fx.post("/api/v1/tokens", fx.admin, "{\"name\":\"wallboard\",\"role\":\"viewer\"}").json().path("token").asText();
        HttpResponse<java.io.InputStream> stream = fx.http.send(request("/api/v1/events").header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        StreamLines events = StreamLines.follow(stream);
        List<String> lines = events.lines();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith(":") && l.contains("connected")));

        assertThat(fx.call("DELETE", "/api/v1/tokens/wallboard", Optional.of(fx.admin), Optional.empty(), Map.of()).status()).isEqualTo(204);
        String id = fx.guest("waiting").id();
        fx.post(endPath("waiting"), fx.operator, "{\"reason\":\"INC-10\"}");

        await().atMost(Duration.ofSeconds(10)).until(events::ended);
        assertThat(lines).noneMatch(l -> l.contains(id));
    }

    @Test
    void oneIdempotencyKeyOnConcurrentDifferentRequestsActsOnce() throws Exception {
        List<String> paths = List.of(endPath("waiting"), endPath("waiting2"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        List<java.util.concurrent.Future<ServiceFixture.Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                String path = paths.get(i % 2);
                answers.add(pool.submit(() -> fx.call("POST", path, Optional.of(fx.operator), Optional.of("{\"reason\":\"INC-11\"}"),
                        Map.of("Idempotency-Key", "one-key"))));
            }
            List<Integer> statuses = new ArrayList<>();
            for (java.util.concurrent.Future<ServiceFixture.Answer> answer : answers) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses).as("the other conversation's requests are refused as another request").contains(422)
                    .allSatisfy(s -> assertThat(s).isIn(200, 409, 422));
        } finally {
            pool.shutdownNow();
        }
        assertThat(fx.control.ended("waiting") && fx.control.ended("waiting2")).as("only one of the two acted").isFalse();
        assertThat(fx.control.ended("waiting") || fx.control.ended("waiting2")).isTrue();
    }

    @Test
    void aRetriedSweepWithItsIdempotencyKeyGetsTheFirstSweep() {
        Map<String, String> key = Map.of("Idempotency-Key", "sweep-1");
        ServiceFixture.Answer first = fx.call("POST", "/api/v1/orgs/acme/sweeps", Optional.of(fx.operator), Optional.of("{\"dryRun\":true}"), key);
        ServiceFixture.Answer retry = fx.call("POST", "/api/v1/orgs/acme/sweeps", Optional.of(fx.operator), Optional.of("{\"dryRun\":true}"), key);
        ServiceFixture.Answer other = fx.call("POST", "/api/v1/orgs/acme/sweeps", Optional.of(fx.operator), Optional.of("{\"dryRun\":false}"), key);

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(retry.status()).as(retry.body()).isEqualTo(202);
        assertThat(retry.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(other.status()).as(other.body()).isEqualTo(422);
    }
}
