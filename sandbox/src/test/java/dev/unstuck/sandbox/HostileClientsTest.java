package dev.unstuck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that misbehave, by accident or on purpose: the sandbox stays responsive and every refusal
 * is the platform's error body, never Jetty's HTML or text.
 */
class HostileClientsTest {
    private static final String GUEST_TOKEN = "0b6e8f4c-2a7d-4c1e-9f3b-5d8a7c6e4b21";

    @RegisterExtension
    static final SandboxExtension extension = RunningSandbox.extension("/test-scenario.json");

    private final RunningSandbox sandbox = new RunningSandbox(extension);
    private final List<Socket> sockets = new ArrayList<>();
    private final List<WsClient> guests = new ArrayList<>();

    @AfterEach
    void stop() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
        guests.forEach(WsClient::close);
    }

    @Test
    void fourHundredStalledBodiesLeaveTheControlApiAndThePlatformApiAnsweringPromptly() throws IOException {
        String token = sandbox.operatorToken();
        for (int i = 0; i < 400; i++) {
            // A large declared body, a few bytes of it, then silence: alternately on the API and the control API (raw HTTP on purpose).
            String path = i % 2 == 0 ? "/api/v2/conversations/messages/c-waiting/participants/p1" : "/sandbox/v1/conversations";
            Socket s = open();
            write(s, (i % 2 == 0 ? "PATCH " : "POST ") + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 500000\r\n\r\n{\"sta");
        }

        // A generous bound: before the fix these took 25-49 s. Raw HTTP: the test is about the server's sockets, not a client.
        RunningSandbox.Reply clock = sandbox.send(HttpRequest.newBuilder(sandbox.uri("/sandbox/v1/clock"))
                .timeout(Duration.ofSeconds(10)).GET());
        RunningSandbox.Reply me = sandbox.send(HttpRequest.newBuilder(sandbox.uri("/api/v2/tokens/me"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET());

        assertThat(clock.status()).isEqualTo(200);
        assertThat(me.status()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413AndTheErrorBody() {
        Raw r = raw("POST /api/v2/analytics/conversations/details/query HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 5000000\r\nConnection: close\r\n\r\n");

        assertErrorBody(r, 413, "request.entity.too.large");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413AndTheErrorBody() {
        String chunk = "x".repeat(64 * 1024);
        // Raw HTTP: a chunked body no client would send, on the control API's largest door.
        StringBuilder request = new StringBuilder("POST /sandbox/v1/scenario HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < 20; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");

        assertErrorBody(raw(request.toString()), 413, "request.entity.too.large");
    }

    @Test
    void aUriTooLongIsRefusedWith414AndTheErrorBody() {
        Raw r = raw("GET /api/v2/conversations/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertErrorBody(r, 414, "request.uri.too.long");
    }

    @Test
    void aMalformedUriIsRefusedWith400AndTheErrorBody() {
        Raw r = raw("GET /api/v2/conversations/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertErrorBody(r, 400, "bad.request");
    }

    @Test
    void anUnknownRouteOutsideTheApiIsA404WithTheErrorBody() {
        RunningSandbox.Reply r = sandbox.send(HttpRequest.newBuilder(sandbox.uri("/no/such/thing")).GET());

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().get("code").asText()).isEqualTo("not.found");
        assertThat(r.json().get("status").asInt()).isEqualTo(404);
        assertThat(r.json().get("contextId").asText()).isEqualTo(r.header("ININ-Correlation-ID"));
    }

    @Test
    void aGuestMessageOfNullIsRefusedWithAMissingParameterFrameAndPostsNothing() {
        // The test org has no messenger deployment; the analytics org has one.
        extension.control().loadScenario(RunningSandbox.resource("/analytics-scenario.json"));
        WsClient ws = new WsClient(URI.create(sandbox.baseUri().toString().replace("http", "ws") + "/v1?deploymentId=d-web"));
        guests.add(ws);
        ws.send("{\"action\":\"configureSession\",\"token\":\"" + GUEST_TOKEN + "\",\"deploymentId\":\"d-web\"}");
        ws.awaitFrame(f -> f.path("class").asText().equals("SessionResponse"));

        ws.send("{\"action\":\"onMessage\",\"token\":\"" + GUEST_TOKEN + "\",\"message\":null}");
        JsonNode refused = ws.awaitFrame(f -> f.path("code").asInt() == 4020);
        ws.send("{\"action\":\"onMessage\",\"token\":\"" + GUEST_TOKEN + "\",\"message\":{\"type\":\"Text\",\"text\":\"after\"}}");
        ws.awaitFrame(f -> f.path("body").path("text").asText().equals("after"));

        assertThat(refused.get("type").asText()).isEqualTo("response");
        assertThat(refused.get("body").asText()).contains("message");
        // Frames answer in order: the valid message's echo came after the refusal, and it is the only one.
        assertThat(ws.frames).filteredOn(f -> f.path("class").asText().equals("StructuredMessage"))
                .extracting(f -> f.path("body").path("text").asText()).containsExactly("after");
    }

    // ---- raw HTTP, for what java.net.http refuses to send ------------------------------------------

    private record Raw(int status, String headers, JsonNode json) {}

    private static void assertErrorBody(Raw r, int status, String code) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.headers().toLowerCase()).contains("content-type: application/json");
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("code").asText()).isEqualTo(code);
        assertThat(r.json().get("message").asText()).isNotBlank();
        assertThat(r.json().get("contextId").asText()).isNotBlank();
        assertThat(r.headers().toLowerCase()).contains("inin-correlation-id: " + r.json().get("contextId").asText());
    }

    private Socket open() throws IOException {
        Socket s = new Socket(sandbox.baseUri().getHost(), sandbox.baseUri().getPort());
        s.setSoTimeout(10_000);
        sockets.add(s);
        return s;
    }

    private static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Sends the request and reads the answer to its end (every request here says Connection: close). */
    private Raw raw(String request) {
        try {
            Socket s = open();
            try {
                write(s, request);
            } catch (IOException e) {
                // The server may answer and close before taking the whole body; the answer is still there.
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    got.write(buffer, 0, n);
                }
            } catch (java.net.SocketException e) {
                // A reset after the answer (the server closed with unread input): keep what arrived.
            }
            String text = got.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer in: %s", text).isPositive();
            String head = text.substring(0, end);
            int status = Integer.parseInt(head.split(" ")[1]);
            String body = text.substring(end + 4);
            return new Raw(status, head, RunningSandbox.JSON.readTree(body.isBlank() ? "null" : body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
