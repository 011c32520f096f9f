package dev.unstuck.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * The sandbox's own speed: GET conversation from a pool of clients, and beside it the same load on a
 * static WireMock stub answering the same body. Same machine, same run, same client.
 */
final class Throughput {
    record Result(String server, int clients, double requestsPerSecond, long errors) {}

    static Result measure(String server, URI base, String path, String token, int clients, Duration duration) throws Exception {
        ExecutorService httpThreads = Executors.newFixedThreadPool(clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            HttpClient http = HttpClient.newBuilder().executor(httpThreads).build();
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).GET().build();
            AtomicLong ok = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            // Warm up both servers the same way before counting.
            long warmEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < warmEnd) {
                http.send(request, HttpResponse.BodyHandlers.discarding());
            }
            long end = System.nanoTime() + duration.toNanos();
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                        (r.statusCode() == 200 ? ok : errors).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            return new Result(server, clients, ok.get() / (double) duration.toSeconds(), errors.get());
        } finally {
            // Both pools hold non-daemon threads: left running, they keep the bench's JVM from exiting.
            pool.shutdownNow();
            httpThreads.shutdownNow();
        }
    }

    /** A WireMock stub answering every GET conversation with {@code body}, as a static server would. */
    static WireMockServer stub(String body) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(32).disableRequestJournal());
        server.stubFor(get(urlPathMatching("/api/v2/conversations/messages/.*"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
        server.start();
        return server;
    }
}
