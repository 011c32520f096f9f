package dev.unstuck.core.genesys;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A scripted HTTP server for the client's own behaviour (retries, token renewal, error bodies, answers
 * the sandbox never gives, such as a PATCH answered 200), where the sandbox's realism is not the point.
 * Answers are queued per "METHOD path"; the last one repeats. Public for the engine's tests of such answers.
 * A test takes one per test method: {@code @RegisterExtension final StubGenesys stub = new StubGenesys();}
 * (stopped after the test).
 */
public final class StubGenesys implements AutoCloseable, AfterEachCallback {

    public record Answer(int status, String body, Map<String, String> headers) {
    }

    public record Seen(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> script = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private int tokens;

    public StubGenesys() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            Answer answer = next(key);
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("ININ-Correlation-ID", "corr-" + seen.size());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    private synchronized Answer next(String key) {
        if (key.equals("POST /oauth/token") && !script.containsKey(key)) {
            tokens++;
            return new Answer(200, "{\"access_token\":\"token-" + tokens + "\",\"token_type\":\"bearer\",\"expires_in\":86399}", Map.of());
        }
        Deque<Answer> answers = script.get(key);
        if (answers == null || answers.isEmpty()) {
            return new Answer(404, "{\"message\":\"not found\",\"code\":\"not.found\",\"status\":404}", Map.of());
        }
        return answers.size() > 1 ? answers.poll() : answers.peek();
    }

    public StubGenesys answer(String methodAndPath, int status, String body, Map<String, String> headers) {
        script.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).add(new Answer(status, body, headers));
        return this;
    }

    public StubGenesys answer(String methodAndPath, int status, String body) {
        return answer(methodAndPath, status, body, Map.of());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public long count(String method, String path) {
        return seen.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).count();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
