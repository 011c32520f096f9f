package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The network's failures between a client and Genesys, on demand: what a client meets besides error
 * statuses. Held requests are let go by clearing the faults, so no test waits a hold out.
 */
class FaultKindsTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/test-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    private final String token = sandbox.operatorToken();

    private String customerLeg(String conversationId) {
        for (JsonNode p : sandbox.controlConversation(conversationId).get("participants")) {
            if (p.get("purpose").asText().equals("customer")) {
                return p.get("id").asText();
            }
        }
        throw new IllegalStateException("no customer leg");
    }

    private String customerState(String conversationId) {
        for (JsonNode p : sandbox.controlConversation(conversationId).get("participants")) {
            if (p.get("purpose").asText().equals("customer")) {
                return p.get("state").asText();
            }
        }
        throw new IllegalStateException("no customer leg");
    }

    private HttpRequest.Builder disconnect(String conversationId, String legId) {
        return HttpRequest.newBuilder(sandbox.uri("/api/v2/conversations/messages/" + conversationId + "/participants/" + legId))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"state\":\"disconnected\"}"));
    }

    @Test
    void anHtmlFaultAnswersAProxysPageAndChangesNothing() {
        sandbox.control("PUT", "/faults", "{\"kind\": \"html\", \"status\": 502, \"count\": 1, \"pathPattern\": \"/participants/\"}");

        RunningSandbox.Reply reply = sandbox.send(disconnect("c-waiting", customerLeg("c-waiting")));

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.header("Content-Type")).startsWith("text/html");
        assertThat(reply.response().body()).startsWith("<!DOCTYPE html>");
        assertThat(customerState("c-waiting")).isEqualTo("connected");
    }

    @Test
    void anHtmlPageMayComeWithA200AsFromACaptivePortal() {
        sandbox.control("PUT", "/faults", "{\"kind\": \"html\", \"status\": 200, \"count\": 1, \"pathPattern\": \"/oauth/token\"}");

        RunningSandbox.Reply reply = sandbox.tokenRequest("operator", "operator-secret", "client_credentials");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.response().body()).contains("<html>");
    }

    @Test
    void aTruncatedJsonFaultCutsTheRealAnswerInHalf() {
        RunningSandbox.Reply whole = sandbox.get("/api/v2/conversations/messages/c-waiting", token);
        sandbox.control("PUT", "/faults", "{\"kind\": \"truncatedJson\", \"count\": 1, \"pathPattern\": \"/messages/c-waiting$\"}");

        RunningSandbox.Reply cut = sandbox.get("/api/v2/conversations/messages/c-waiting", token);

        assertThat(cut.status()).isEqualTo(200);
        assertThat(cut.json().isTextual()).as("not JSON any more").isTrue();
        assertThat(whole.response().body()).startsWith(cut.response().body());
        assertThat(cut.response().body().length()).isLessThan(whole.response().body().length());
    }

    @Test
    void aStalledBodySendsTheHeadersThenStopsUntilTheFaultIsCleared() throws Exception {
        sandbox.control("PUT", "/faults", "{\"kind\": \"stalledBody\", \"count\": 1, \"pathPattern\": \"/messages/c-waiting$\"}");
        HttpRequest request = HttpRequest.newBuilder(sandbox.uri("/api/v2/conversations/messages/c-waiting"))
                .header("Authorization", "Bearer " + token).GET().build();

        HttpResponse<InputStream> response = sandbox.http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);

        assertThat(response.statusCode()).as("the headers came").isEqualTo(200);
        long announced = response.headers().firstValueAsLong("Content-Length").orElseThrow();
        CompletableFuture<byte[]> body = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = response.body()) {
                return in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        assertThat(body).as("the body stalls").isNotDone();
        sandbox.control("DELETE", "/faults", null);
        assertThat(body.get(10, TimeUnit.SECONDS).length).as("never the whole body").isLessThan((int) announced);
    }

    @Test
    void aRequestThatGetsNoAnswerTimesOutAndChangesNothing() {
        sandbox.control("PUT", "/faults", "{\"kind\": \"noAnswer\", \"count\": 1, \"pathPattern\": \"/participants/\"}");
        String leg = customerLeg("c-waiting");

        assertThatThrownBy(() -> sandbox.http.send(disconnect("c-waiting", leg).timeout(SHORT).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        sandbox.control("DELETE", "/faults", null);
        assertThat(customerState("c-waiting")).isEqualTo("connected");
    }

    @Test
    void aPatchAnsweredLateIsAppliedAlthoughTheClientGaveUp() {
        sandbox.control("PUT", "/faults", "{\"kind\": \"appliedLate\", \"count\": 1, \"pathPattern\": \"/participants/\"}");
        String leg = customerLeg("c-waiting");

        assertThatThrownBy(() -> sandbox.http.send(disconnect("c-waiting", leg).timeout(SHORT).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        await().atMost(Duration.ofSeconds(5)).until(() -> customerState("c-waiting").equals("disconnected"));
        sandbox.control("DELETE", "/faults", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.control("GET", "/requests", null).json().findValuesAsText("method").contains("PATCH"));
        JsonNode logged = sandbox.control("GET", "/requests", null).json();
        assertThat(logged.findValues("status").stream().map(JsonNode::asInt)).as("the sandbox logs it as accepted").contains(202);
    }

    @Test
    void theFaultKindIsShownAndAnUnknownOneRefused() {
        JsonNode set = sandbox.control("PUT", "/faults", "{\"kind\": \"noAnswer\", \"holdMs\": 1500}").json();

        assertThat(set.get("kind").asText()).isEqualTo("noAnswer");
        assertThat(set.get("holdMs").asLong()).isEqualTo(1500);
        RunningSandbox.Reply bad = sandbox.control("PUT", "/faults", "{\"kind\": \"slow\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("stalledBody");
        assertThat(sandbox.control("PUT", "/faults", "{\"kind\": \"error\", \"status\": 200}").status()).as("an error is an error").isEqualTo(400);
    }
}
