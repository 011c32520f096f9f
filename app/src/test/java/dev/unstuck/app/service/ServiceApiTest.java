package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.app.store.AuditEntry;
import dev.unstuck.app.store.AuditQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** `unstuck serve`'s API over real HTTP, on a sandbox org. */
class ServiceApiTest {
    @RegisterExtension
    static final ServiceFixture fx = ServiceFixture.service();

    private String endPath(String label) {
        return "/api/v1/orgs/acme/conversations/" + fx.guest(label).id() + "/end";
    }

    @Test
    void refusesCallsWithoutAValidTokenWith401() {
        ServiceFixture.Answer none = fx.call("GET", "/api/v1/orgs", Optional.empty(), Optional.empty(), Map.of());
        ServiceFixture.Answer wrong = fx.get("/api/v1/orgs", "ust_not-a-token");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("code").asText()).isEqualTo("not.authorized");
        assertThat(none.json().path("requestId").asText()).isNotBlank();
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(fx.control.ended("waiting")).isFalse();
    }

    @Test
    void aViewerMayReadButNotEnd() {
        ServiceFixture.Answer read = fx.get("/api/v1/orgs", fx.viewer);
        ServiceFixture.Answer end = fx.post(endPath("waiting"), fx.viewer, "{\"reason\":\"INC-1\"}");

        assertThat(read.status()).isEqualTo(200);
        assertThat(end.status()).isEqualTo(403);
        assertThat(end.json().path("code").asText()).isEqualTo("missing.role");
        assertThat(fx.control.ended("waiting")).isFalse();
    }

    @Test
    void anOperatorEndsAConversationAndTheAuditNamesTheCaller() {
        String id = fx.guest("waiting").id();

        ServiceFixture.Answer end = fx.post(endPath("waiting"), fx.operator, "{\"reason\":\"INC-4711 guest stuck\"}");

        assertThat(end.status()).as(end.body()).isEqualTo(200);
        assertThat(end.json().path("conversationId").asText()).isEqualTo(id);
        assertThat(end.json().path("outcome").asText()).startsWith("ended");
        assertThat(fx.control.ended("waiting")).isTrue();
        List<AuditEntry> audit = fx.db.query(AuditQuery.all(100).where(AuditQuery.Match.CONVERSATION, id));
        assertThat(audit).isNotEmpty().allSatisfy(e -> {
            assertThat(e.event().subject().requestedBy()).isEqualTo("token:billing-backend");
            assertThat(e.event().subject().reason()).isEqualTo("INC-4711 guest stuck");
        });
        assertThat(audit).noneSatisfy(e -> assertThat(e.toString()).contains(fx.operator));
    }

    @Test
    void forcingNeedsTheAdminRole() {
        ServiceFixture.Answer byOperator = fx.post(endPath("live"), fx.operator, "{\"reason\":\"INC-2\",\"force\":true}");
        ServiceFixture.Answer byAdmin = fx.post(endPath("live"), fx.admin, "{\"reason\":\"INC-2\",\"force\":true}");

        assertThat(byOperator.status()).isEqualTo(403);
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);
        assertThat(fx.control.ended("live")).isTrue();
    }

    @Test
    void leavesALiveAgentConversationAloneWithoutForce() {
        ServiceFixture.Answer end = fx.post(endPath("live"), fx.operator, "{\"reason\":\"INC-3\"}");

        assertThat(end.status()).isEqualTo(200);
        assertThat(end.json().path("outcome").asText()).startsWith("skipped");
        assertThat(fx.control.ended("live")).isFalse();
    }

    @Test
    void fiftyConcurrentRequestsMakeOneSetOfGenesysCallsAndAllGetTheOutcome() throws Exception {
        String id = fx.guest("waiting").id();
        fx.control.clearRequests();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<ServiceFixture.Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Callable<ServiceFixture.Answer> call = () -> fx.post(endPath("waiting"), fx.operator, "{\"reason\":\"INC-50\"}");
                answers.add(pool.submit(call));
            }
            Set<String> bodies = new HashSet<>();
            for (Future<ServiceFixture.Answer> answer : answers) {
                ServiceFixture.Answer a = answer.get();
                assertThat(a.status()).as(a.body()).isEqualTo(200);
                bodies.add(a.body());
            }
            assertThat(bodies).as("every caller gets the one outcome").hasSize(1);
            assertThat(fx.JSON.readTree(bodies.iterator().next()).path("outcome").asText()).isEqualTo("ended");
        } finally {
            pool.shutdownNow();
        }
        long patches = fx.control.requests().stream().filter(r -> r.method().equals("PATCH") && r.path().contains(id)).count();
        assertThat(patches).as("one PATCH per leg: the queue leg and the customer leg").isEqualTo(2);
        assertThat(fx.control.ended("waiting")).isTrue();
    }

    @Test
    void aRetriedIdempotencyKeyAnswersTheFirstOutcome() {
        Map<String, String> key = Map.of("Idempotency-Key", "retry-7");
        ServiceFixture.Answer first = fx.call("POST", endPath("waiting"), Optional.of(fx.operator), Optional.of("{\"reason\":\"INC-7\"}"), key);
        fx.control.clearRequests();
        ServiceFixture.Answer retry = fx.call("POST", endPath("waiting"), Optional.of(fx.operator), Optional.of("{\"reason\":\"INC-7\"}"), key);
        ServiceFixture.Answer reused = fx.call("POST", endPath("waiting2"), Optional.of(fx.operator), Optional.of("{\"reason\":\"INC-7\"}"), key);

        assertThat(first.json().path("outcome").asText()).isEqualTo("ended");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        // The service checks its credentials (GET tokens/me) every 500 ms on its own, whatever the callers do.
        assertThat(fx.control.requests()).as("the retry made no Genesys call")
                .filteredOn(r -> !r.path().equals("/api/v2/tokens/me")).isEmpty();
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().path("code").asText()).isEqualTo("idempotency.key.reused");
        assertThat(fx.control.ended("waiting2")).isFalse();
    }

    @Test
    void badInputGetsA4xxInTheDocumentedShape() {
        String good = endPath("waiting");
        List<ServiceFixture.Answer> answers = List.of(
                fx.post("/api/v1/orgs/nope/conversations/" + fx.guest("waiting").id() + "/end", fx.operator, "{\"reason\":\"x\"}"),
                fx.post("/api/v1/orgs/acme/conversations/not-a-uuid/end", fx.operator, "{\"reason\":\"x\"}"),
                fx.post(good, fx.operator, "{}"),
                fx.post(good, fx.operator, "{\"reason\":\"x\",\"force\":\"yes\"}"),
                fx.post(good, fx.operator, "{not json"),
                fx.post(good, fx.operator, "{\"reason\":\"" + "x".repeat(70_000) + "\"}"),
                fx.call("POST", good, Optional.of(fx.operator), Optional.of("reason=x"), Map.of("Content-Type", "text/plain")),
                fx.get("/api/v1/no/such/route", fx.viewer));

        assertThat(answers).extracting(ServiceFixture.Answer::status).containsExactly(404, 400, 400, 400, 400, 413, 415, 404);
        assertThat(answers).allSatisfy(a -> {
            JsonNode body = a.json();
            assertThat(body.path("status").asInt()).isEqualTo(a.status());
            assertThat(body.path("code").asText()).isNotBlank();
            assertThat(body.path("message").asText()).isNotBlank();
            assertThat(body.path("requestId").asText()).isNotBlank();
        });
        assertThat(fx.control.ended("waiting")).isFalse();
    }

    @Test
    void theOpenApiDocumentListsExactlyTheRoutesServed() {
        JsonNode doc = fx.get("/api/v1/openapi.json", fx.viewer).json();
        Set<String> documented = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey()));
        }

        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(documented).containsExactlyInAnyOrderElementsOf(ServiceApi.ROUTES);
        for (String route : ServiceApi.ROUTES) {
            String[] parts = route.split(" ");
            if (parts[1].endsWith("/events")) {
                continue; // a stream; its route is checked by the events test
            }
            String path = parts[1].replace("{org}", "acme").replace("{id}", "3f2b6c1e-8d4a-4e2f-9b1a-2c3d4e5f6a7b")
                    .replace("{sweepId}", "x").replace("{name}", "x");
            ServiceFixture.Answer a = fx.call(parts[0], path, Optional.of(fx.viewer), parts[0].equals("GET") || parts[0].equals("DELETE")
                    ? Optional.empty() : Optional.of("{}"), Map.of());
            assertThat(a.body()).as(route).doesNotContain("route.not.found");
        }
    }

    @Test
    void inspectShowsTheLegsAndThePlanWithoutChangingAnything() {
        String id = fx.guest("waiting").id();
        fx.control.clearRequests();

        ServiceFixture.Answer answer = fx.get("/api/v1/orgs/acme/conversations/" + id, fx.viewer);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains(id);
        assertThat(fx.control.requests()).noneMatch(r -> r.method().equals("PATCH"));
    }

    @Test
    void metricsCountTheEndingsByOutcome() {
        fx.post(endPath("waiting"), fx.operator, "{\"reason\":\"INC-8\"}");
        fx.post(endPath("waiting2"), fx.operator, "{\"reason\":\"INC-8\"}");
        fx.post(endPath("live"), fx.operator, "{\"reason\":\"INC-8\"}");

        String metrics = fx.call("GET", "/metrics", Optional.empty(), Optional.empty(), Map.of()).body();

        assertThat(sample(metrics, "unstuck_endings_total", "outcome=\"ended\"")).isEqualTo(2.0);
        assertThat(sample(metrics, "unstuck_endings_total", "outcome=\"skipped\"")).isEqualTo(1.0);
        assertThat(metrics).contains("unstuck_genesys_calls_total").contains("jvm_memory_used_bytes");
    }

    /** The sum of a metric's samples whose labels contain {@code label}. */
    static double sample(String metrics, String name, String label) {
        return metrics.lines().filter(l -> l.startsWith(name + "{") && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
